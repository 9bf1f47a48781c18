namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements({id})/HousingCapacity.MarkNotified</c>: the day the handlekommune was notified (default today). The action's
/// parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record MarkNotifiedCommand(DateOnly? NotifiedOn = null);
