namespace HousingCapacity.Api.Features.Persons;

/// <summary><c>Persons({id})/HousingCapacity.UpdateAge</c>: a new birth year or estimated age. The action's parameters in the EDM are this
/// record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record UpdateAgeCommand(int? BirthYear = null, int? EstimatedAge = null);
