namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements({id})/HousingCapacity.ChangeResponsibleMunicipality</c>: the new handlekommune by its code (null: unknown) and
/// why. The action's parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record ChangeResponsibleMunicipalityCommand([OData.EdmNullable(true)] int? MunicipalityCode, string Reason);
