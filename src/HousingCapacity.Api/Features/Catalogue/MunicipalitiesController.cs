using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Catalogue;

public sealed class MunicipalitiesController(MunicipalityWriter writer) : EntitySetController<Municipality>(writer);
