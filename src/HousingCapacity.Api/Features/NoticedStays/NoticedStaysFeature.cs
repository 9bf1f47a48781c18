using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.NoticedStays;

/// <summary>§110 stays at places outside this system, known from the place's notice to the handlekommune (§110 stk. 6).</summary>
public sealed class NoticedStaysFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<NoticedStayWriter>();

    public void DescribeModel(ODataConventionModelBuilder model) => model.EntitySet<NoticedStay>("NoticedStays");
}
