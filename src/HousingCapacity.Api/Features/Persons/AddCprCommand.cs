namespace HousingCapacity.Api.Features.Persons;

/// <summary><c>Persons({id})/HousingCapacity.AddCpr</c>: the CPR number of a person registered without one. The action's parameters in the
/// EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record AddCprCommand(string Cpr);
