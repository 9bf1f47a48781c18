namespace HousingCapacity.Domain;

public enum UnitStatus { InService, OutOfService }
