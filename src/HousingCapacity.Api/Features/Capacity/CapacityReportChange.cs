namespace HousingCapacity.Api.Features.Capacity;

/// <summary>A change of a night's count: the properties a client may change (<see
/// cref="OData.EntityValues.As{TChange}(Entity)"/>).</summary>
public sealed record CapacityReportChange(int BedsInService, int BedsOccupied, int BedsOutOfService);
