using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Persons: registration, the look-up by CPR number and the GDPR access-log export.</summary>
public sealed class PersonsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PersonWriter>();
        services.AddSingleton<Availability.EligiblePlacesFunction>();
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
        // Each action's parameters are its command's (ActionCommands).
        var person = model.EntityType<Person>();
        person.Action("AddCpr").Parameters<AddCprCommand>().ReturnsFromEntitySet<Person>("Persons");
        person.Collection.Action("RegisterWithoutCpr").Parameters<RegisterWithoutCprCommand>().ReturnsFromEntitySet<Person>("Persons");
        person.Action("UpdateAge").Parameters<UpdateAgeCommand>().ReturnsFromEntitySet<Person>("Persons");
        person.Action("MergeInto").Parameters<MergeIntoCommand>().ReturnsFromEntitySet<Person>("Persons");
        // The places that could take this person tonight (Availability/): the date defaults to tonight.
        var eligible = person.Function("EligiblePlaces");
        eligible.Parameter<DateOnly>("date").Optional();
        eligible.ReturnsCollection<Availability.FacilityAvailability>();
    }
}
