using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Turnaways;

/// <summary>People a facility could not take: unmet demand for the monthly report.</summary>
public sealed class TurnawaysFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<TurnawayWriter>();
    public void DescribeModel(ODataConventionModelBuilder model) => model.EntitySet<Turnaway>("Turnaways");
}
