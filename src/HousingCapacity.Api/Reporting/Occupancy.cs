namespace HousingCapacity.Api.Reporting;

public sealed record Occupancy(long CapacityBedNights, long OccupiedBedNights, double? OccupancyRate, long OutOfServiceBedNights,
    long ReportedCapacityBedNights, long ReportedOccupiedBedNights, double? ReportedOccupancyRate);
