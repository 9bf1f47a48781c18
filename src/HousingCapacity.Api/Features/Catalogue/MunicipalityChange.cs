namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>A change of a municipality: its name (its code never changes): the properties a client may change (<see
/// cref="OData.EntityValues.As{TChange}(Entity)"/>).</summary>
public sealed record MunicipalityChange(string Name);
