using System.Text.Json.Serialization;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Reporting;

public sealed record NamedCount(string Name, PersonCount Count);
