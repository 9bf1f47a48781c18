using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Capacity;

/// <summary>The shelters' own nightly counts (upserted per facility and date).</summary>
public sealed class CapacityFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<CapacityReportWriter>();

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        var reports = model.EntitySet<CapacityReport>("CapacityReports");
        reports.EntityType.Ignore(r => r.BedsFree);
    }
}
