using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Catalogue;

public sealed class UnitsController(UnitWriter writer) : EntitySetController<Unit>(writer);
