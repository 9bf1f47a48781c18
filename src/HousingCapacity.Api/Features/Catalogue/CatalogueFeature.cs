using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>The catalogue of places: municipalities, their facilities and the facilities' units.</summary>
public sealed class CatalogueFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MunicipalityWriter>();
        services.AddSingleton<FacilityWriter>();
        services.AddSingleton<UnitWriter>();
    }

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        model.EntitySet<Municipality>("Municipalities");
        model.EntitySet<Facility>("Facilities");
        model.EntitySet<Unit>("Units");
        // Where is there a bed tonight (Availability/): the date defaults to tonight.
        var availability = model.EntityType<Facility>().Collection.Function("Availability");
        availability.Parameter<DateOnly>("date").Optional();
        availability.ReturnsCollection<Availability.FacilityAvailability>();
    }
}
