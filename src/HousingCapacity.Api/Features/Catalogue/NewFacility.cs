namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>What a client sends to create a facility (POST /odata/Facilities): without a legal basis, its kind's usual one: the properties
/// the writer accepts.</summary>
public sealed record NewFacility(int MunicipalityId, string Name, FacilityKind Kind, string Address,
    GenderRestriction? GenderRestriction = null, int? MinAge = null, int? MaxAge = null, bool? IsActive = null,
    LegalBasis? LegalBasis = null);
