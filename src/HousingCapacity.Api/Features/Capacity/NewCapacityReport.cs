namespace HousingCapacity.Api.Features.Capacity;

/// <summary>What a client sends to create tonight's count (POST /odata/CapacityReports): beds in and out of service default to the units':
/// the properties the writer accepts.</summary>
public sealed record NewCapacityReport(int FacilityId, int BedsOccupied, DateOnly? Date = null, int? BedsInService = null,
    int? BedsOutOfService = null);
