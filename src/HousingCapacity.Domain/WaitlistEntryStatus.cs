namespace HousingCapacity.Domain;

public enum WaitlistEntryStatus { Waiting, Offered, Housed, Withdrawn }
