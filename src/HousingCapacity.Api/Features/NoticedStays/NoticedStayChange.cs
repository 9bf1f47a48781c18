namespace HousingCapacity.Api.Features.NoticedStays;

/// <summary>A change of a stay elsewhere: the morning it ended, always given: the properties a client may change (<see
/// cref="OData.EntityValues.As{TChange}(Entity)"/>).</summary>
public sealed record NoticedStayChange(DateOnly EndDate);
