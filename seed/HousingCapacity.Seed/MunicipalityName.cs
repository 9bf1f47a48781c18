namespace HousingCapacity.Seed;

public sealed record MunicipalityName(int Code, string Name);
