namespace HousingCapacity.Seed;

public sealed record CatalogueMunicipality(int Code, string Name, IReadOnlyList<CatalogueFacility> Facilities);
