namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>A change of a waitlist: the properties a client may change (<see cref="OData.EntityValues.As{TChange}(Entity)"/>).</summary>
public sealed record WaitlistChange(string Name, WaitlistKind Kind);
