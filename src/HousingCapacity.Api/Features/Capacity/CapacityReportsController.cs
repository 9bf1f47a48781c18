using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Capacity;

public sealed class CapacityReportsController(CapacityReportWriter writer) : EntitySetController<CapacityReport>(writer);
