namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements({id})/HousingCapacity.Admit</c>: the place's own justification when it admits a young person. The action's
/// parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record AdmitCommand(string? ExceptionJustification = null);
