namespace HousingCapacity.Seed;

public sealed record CatalogueUnits(string Prefix, int Count, int Beds);
