namespace HousingCapacity.Api.Features.Waitlists;

/// <summary><c>Offers({id})/HousingCapacity.Decline</c>: why the offer is declined. The action's parameters in the EDM are this record's
/// (<see cref="OData.ActionCommands"/>).</summary>
public sealed record DeclineOfferCommand([OData.EdmNullable(false)] string Reason);
