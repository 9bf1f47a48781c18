using HousingCapacity.Domain;

namespace HousingCapacity.Seed;

public sealed record CatalogueFacility(string Name, FacilityKind Kind, string Address, GenderRestriction GenderRestriction,
    int? MinAge, int? MaxAge, IReadOnlyList<CatalogueUnits> Units, LegalBasis? LegalBasis = null);
