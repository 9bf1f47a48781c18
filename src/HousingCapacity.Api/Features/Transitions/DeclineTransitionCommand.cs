namespace HousingCapacity.Api.Features.Transitions;

/// <summary><c>Transitions({id})/HousingCapacity.Decline</c>: the person declined the help offered, with what they said. The action's
/// parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record DeclineTransitionCommand([OData.RequiredParameter] string? Reason);
