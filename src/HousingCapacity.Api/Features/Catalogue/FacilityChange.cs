namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>A change of a facility (PATCH or PUT /odata/Facilities({id})): the properties a client may change (<see
/// cref="OData.EntityValues.As{TChange}(Entity)"/>).</summary>
public sealed record FacilityChange(string Name, FacilityKind Kind, string Address, GenderRestriction GenderRestriction, int? MinAge,
    int? MaxAge, bool IsActive, LegalBasis? LegalBasis);
