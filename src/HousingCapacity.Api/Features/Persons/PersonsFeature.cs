using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Persons: registration, the look-up by CPR number and the GDPR access-log export.</summary>
public sealed class PersonsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PersonWriter>();
        services.Configure<CprLookupOptions>(configuration.GetSection("CprLookups"));
        services.AddSingleton<CprLookupBudget>();
        services.AddSingleton<CprLookups>();
    }

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        model.EntitySet<Person>("Persons");
        var find = model.EntityType<Person>().Collection.Function("FindByCpr");
        find.Parameter<string>("cpr").Required();
        find.ReturnsCollection<PersonMatch>();
        var known = model.EntityType<Person>().Collection.Function("KnownWithoutCpr");
        known.Parameter<int>("facilityId").Required();
        known.Parameter<string>("alias").Optional();
        known.ReturnsCollection<Allocation.KnownWithoutCpr>();
        model.EntityType<Person>().Function("AccessLog").ReturnsCollection<AccessLogRecord>();
        var countingYear = model.EntityType<Person>().Function("CountingYear");
        countingYear.Parameter<DateOnly>("date").Optional();
        countingYear.Returns<CountingYearView>();
        var addCpr = model.EntityType<Person>().Action("AddCpr");
        addCpr.Parameter<string>("cpr");
        addCpr.ReturnsFromEntitySet<Person>("Persons");
        var register = model.EntityType<Person>().Collection.Action("RegisterWithoutCpr");
        register.Parameter<string>("alias");
        register.Parameter<Gender>("gender");
        register.Parameter<int>("birthYear").Optional();
        register.Parameter<int>("estimatedAge").Optional();
        register.Parameter<int>("municipalityId").Optional();
        register.Parameter<string>("firstName").Optional();
        register.Parameter<string>("lastName").Optional();
        register.ReturnsFromEntitySet<Person>("Persons");
        var age = model.EntityType<Person>().Action("UpdateAge");
        age.Parameter<int>("birthYear").Optional();
        age.Parameter<int>("estimatedAge").Optional();
        age.ReturnsFromEntitySet<Person>("Persons");
        var merge = model.EntityType<Person>().Action("MergeInto");
        merge.Parameter<int>("personId");
        merge.ReturnsFromEntitySet<Person>("Persons");
    }
}
