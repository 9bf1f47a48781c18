namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>A change of a unit (PATCH /odata/Units({id}), or a page): what is null stays as it is.</summary>
public sealed record UnitChange(string? Label = null, int? Beds = null, UnitStatus? Status = null);
