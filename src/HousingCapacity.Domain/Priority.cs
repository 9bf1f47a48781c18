namespace HousingCapacity.Domain;

public enum Priority { Normal, Urgent }
