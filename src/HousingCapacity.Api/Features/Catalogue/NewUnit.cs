namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>What a client sends to create a unit of a facility (POST /odata/Units), in service unless said: the properties the writer
/// accepts.</summary>
public sealed record NewUnit(int FacilityId, string Label, int Beds, UnitStatus? Status = null);
