namespace HousingCapacity.Domain;

public enum TurnawayReason { Full, GenderRestricted, AgeRestricted, YouthInSection110, Intoxicated, Violence, Other }
