namespace HousingCapacity.Api.OData;

/// <summary>
/// One feature of the API (a folder under Features/): the services it needs and what it adds to the OData model — its entity
/// sets and the parameters of its actions and functions, which its controller implements as methods of the same names.
/// </summary>
public interface IFeature
{
    void AddServices(IServiceCollection services, IConfiguration configuration);
    void DescribeModel(ODataConventionModelBuilder model);
}
