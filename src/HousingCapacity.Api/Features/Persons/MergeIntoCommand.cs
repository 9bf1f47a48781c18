namespace HousingCapacity.Api.Features.Persons;

/// <summary><c>Persons({id})/HousingCapacity.MergeInto</c>: the record of the same person this one is merged into. The action's parameters
/// in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record MergeIntoCommand(int PersonId);
