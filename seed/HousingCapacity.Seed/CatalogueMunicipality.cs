namespace HousingCapacity.Seed;

/// <summary>A municipality of the demo catalogue; <see cref="YouthPolicy"/> is its own youth policy where it has one.</summary>
public sealed record CatalogueMunicipality(int Code, string Name, IReadOnlyList<CatalogueFacility> Facilities,
    CatalogueYouthPolicy? YouthPolicy = null);

/// <summary>A municipality's youth policy as its udsattepolitik states it.</summary>
public sealed record CatalogueYouthPolicy(DateOnly EffectiveFrom, int MinAge, int MaxAge, string PolicyName, int PolicyYear);
