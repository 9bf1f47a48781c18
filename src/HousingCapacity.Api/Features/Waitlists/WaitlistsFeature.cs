using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>Waitlists in order (Urgent, then AppliedOn, then Id), offers of vacant units, and their answers.</summary>
public sealed class WaitlistsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WaitlistOptions>(configuration.GetSection("Waitlists"));
        services.AddSingleton<WaitlistWriter>();
        services.AddSingleton<WaitlistEntryWriter>();
        services.AddSingleton<OfferNextAction>();
        services.AddSingleton<AcceptOfferAction>();
        services.AddHostedService<OfferExpiryService>();
    }

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        model.EntitySet<Waitlist>("Waitlists");
        model.EntitySet<WaitlistEntry>("WaitlistEntries");
        model.EntitySet<Offer>("Offers");

        var offerNext = model.EntityType<Waitlist>().Action("OfferNext");
        offerNext.Parameter<int>("unitId");
        offerNext.ReturnsFromEntitySet<Offer>("Offers");

        var accept = model.EntityType<Offer>().Action("Accept");
        accept.Parameter<SupportMethod>("supportMethod").Optional();
        accept.Parameter<DateOnly>("startDate").Optional();
        accept.ReturnsFromEntitySet<Placement>("Placements");

        var decline = model.EntityType<Offer>().Action("Decline");
        decline.Parameter<string>("reason").Required();
        decline.ReturnsFromEntitySet<Offer>("Offers");
    }
}
