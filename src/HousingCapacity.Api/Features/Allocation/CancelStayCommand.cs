namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements({id})/HousingCapacity.Cancel</c>: why a stay entered in error is cancelled. The action's parameters in the EDM
/// are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record CancelStayCommand([OData.RequiredParameter] string? Reason);
