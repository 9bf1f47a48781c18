using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.YouthPolicies;

/// <summary>Each municipality's own policy on young people at §110 places, dated, set by its administrator.</summary>
public sealed class YouthPoliciesFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<YouthPolicyWriter>();

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        model.EntitySet<YouthPolicy>("YouthPolicies");
    }
}
