namespace HousingCapacity.Api.Features.Transitions;

/// <summary><c>Transitions({id})/HousingCapacity.Secure</c>: what secures the person's place for the night they lose their roof, one of
/// a stay, a bed held for them, or a waitlist offer. The action's parameters in the EDM are this record's (<see
/// cref="OData.ActionCommands"/>).</summary>
public sealed record SecureTransitionCommand(int? PlacementId = null, int? BedHoldId = null, int? OfferId = null);
