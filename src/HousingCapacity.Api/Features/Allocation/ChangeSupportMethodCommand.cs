namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements({id})/HousingCapacity.ChangeSupportMethod</c>: the new method, from when (default today), and why. The action's
/// parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record ChangeSupportMethodCommand(SupportMethod Method, DateOnly? From, string Reason);
