namespace HousingCapacity.Domain;

public enum GenderRestriction { None, WomenOnly, MenOnly }
