namespace HousingCapacity.Api.Features.Waitlists;

/// <summary><c>Offers({id})/HousingCapacity.Accept</c>: the support and the first night (defaults: none, tonight). The action's parameters
/// in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record AcceptOfferCommand(SupportMethod? SupportMethod = null, DateOnly? StartDate = null);
