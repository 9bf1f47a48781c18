namespace HousingCapacity.Api.Features.Waitlists;

/// <summary><c>Waitlists({id})/HousingCapacity.OfferNext</c>: the vacant unit offered. The action's parameters in the EDM are this record's
/// (<see cref="OData.ActionCommands"/>).</summary>
public sealed record OfferNextCommand(int UnitId);
