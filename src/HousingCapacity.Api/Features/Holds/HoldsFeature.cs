using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Holds;

/// <summary>Beds held for someone on the way.</summary>
public sealed class HoldsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BedHoldOptions>(configuration.GetSection("BedHolds"));
        services.AddSingleton<BedHoldWriter>();
    }

    public void DescribeModel(ODataConventionModelBuilder model) => model.EntitySet<BedHold>("BedHolds");
}
