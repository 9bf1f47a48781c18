namespace HousingCapacity.Api.Reporting;

/// <summary>Bed-nights of one facility, from the stays and from the shelter's own capacity reports.</summary>
public sealed record FacilityOccupancy(
    int FacilityId, string Name, FacilityKind Kind, int Beds, int BedsInService,
    long CapacityBedNights, long OccupiedBedNights, double? OccupancyRate, long OutOfServiceBedNights,
    int ReportedNights, int MissingReportNights, long ReportedCapacityBedNights, long ReportedOccupiedBedNights,
    long ReportedOutOfServiceBedNights, double? ReportedOccupancyRate, int DisagreeingNights);
