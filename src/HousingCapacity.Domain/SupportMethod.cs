namespace HousingCapacity.Domain;

/// <summary>Housing First support methods (Serviceloven §85 a since 1 October 2023).</summary>
public enum SupportMethod { None, CTI, ICM, ACT }
