namespace HousingCapacity.Domain;

public enum WaitlistKind { YouthHousing, SkaevBolig, HousingFirst }
