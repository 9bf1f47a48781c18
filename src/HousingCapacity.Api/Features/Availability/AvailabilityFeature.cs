using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Availability;

/// <summary>
/// Where is there a bed tonight: <c>Facilities/HousingCapacity.Availability(date=…)</c> and, for one person,
/// <c>Persons({id})/HousingCapacity.EligiblePlaces(date=…)</c> (the date defaults to tonight in both).
/// </summary>
public sealed class AvailabilityFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<EligiblePlacesFunction>();

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        var availability = model.EntityType<Facility>().Collection.Function("Availability");
        availability.Parameter<DateOnly>("date").Optional();
        availability.ReturnsCollection<FacilityAvailability>();
        var eligible = model.EntityType<Person>().Function("EligiblePlaces");
        eligible.Parameter<DateOnly>("date").Optional();
        eligible.ReturnsCollection<FacilityAvailability>();
    }
}
