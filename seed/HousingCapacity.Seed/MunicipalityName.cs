using System.Text.Json;
using System.Text.Json.Serialization;
using HousingCapacity.Domain;

namespace HousingCapacity.Seed;

public sealed record MunicipalityName(int Code, string Name);
