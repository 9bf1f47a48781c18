using System.Text.Json;
using System.Text.Json.Serialization;
using HousingCapacity.Domain;

namespace HousingCapacity.Seed;

public sealed record CatalogueMunicipality(int Code, string Name, IReadOnlyList<CatalogueFacility> Facilities);
