namespace HousingCapacity.Api.Reporting;

public sealed record TrendPoint(string Month, FacilityKind Kind, double? OccupancyRate);
