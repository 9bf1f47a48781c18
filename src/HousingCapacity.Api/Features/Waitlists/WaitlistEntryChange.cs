namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>A change of a person's place on a waitlist: the properties a client may change (<see
/// cref="OData.EntityValues.As{TChange}(Entity)"/>).</summary>
public sealed record WaitlistEntryChange(DateOnly AppliedOn, Priority Priority, WaitlistEntryStatus Status, string? PriorityReason);
