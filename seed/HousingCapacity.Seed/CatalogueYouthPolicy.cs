namespace HousingCapacity.Seed;

/// <summary>A municipality's youth policy as its udsattepolitik states it.</summary>
public sealed record CatalogueYouthPolicy(DateOnly EffectiveFrom, int MinAge, int MaxAge, string PolicyName, int PolicyYear);
