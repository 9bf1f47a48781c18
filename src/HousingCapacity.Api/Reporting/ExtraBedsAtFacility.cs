namespace HousingCapacity.Api.Reporting;

/// <summary>One place's extra beds in the month.</summary>
public sealed record ExtraBedsAtFacility(int FacilityId, string Name, FacilityKind Kind, int NightsOpen, long CapacityBedNights,
    long OccupiedBedNights, double? OccupancyRate);
