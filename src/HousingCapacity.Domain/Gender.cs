namespace HousingCapacity.Domain;

public enum Gender { Female, Male }
