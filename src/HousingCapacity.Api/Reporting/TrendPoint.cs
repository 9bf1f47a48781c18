using System.Text.Json.Serialization;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Reporting;

public sealed record TrendPoint(string Month, FacilityKind Kind, double? OccupancyRate);
