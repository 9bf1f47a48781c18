namespace HousingCapacity.Seed;

/// <summary>A municipality of the demo catalogue; <see cref="YouthPolicy"/> is its own youth policy where it has one.</summary>
public sealed record CatalogueMunicipality(int Code, string Name, IReadOnlyList<CatalogueFacility> Facilities,
    CatalogueYouthPolicy? YouthPolicy = null);
