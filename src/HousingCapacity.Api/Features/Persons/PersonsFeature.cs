using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Persons: registration, the look-up by CPR number and the GDPR access-log export.</summary>
public sealed class PersonsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<PersonWriter>();

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        model.EntitySet<Person>("Persons");
        var find = model.EntityType<Person>().Collection.Function("FindByCpr");
        find.Parameter<string>("cpr").Required();
        find.ReturnsCollection<PersonMatch>();
        model.EntityType<Person>().Function("AccessLog").ReturnsCollection<AccessLogRecord>();
    }
}
