namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>A change of a unit (PATCH or PUT /odata/Units({id}), or a page): its label, beds and status as they are to be.</summary>
public sealed record UnitChange(string Label, int Beds, UnitStatus Status);
