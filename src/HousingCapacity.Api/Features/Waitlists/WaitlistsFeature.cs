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

        // Each action's parameters are its command's (ActionCommands).
        model.EntityType<Waitlist>().Action("OfferNext").Parameters<OfferNextCommand>().ReturnsFromEntitySet<Offer>("Offers");
        model.EntityType<Offer>().Action("Accept").Parameters<AcceptOfferCommand>().ReturnsFromEntitySet<Placement>("Placements");
        model.EntityType<Offer>().Action("Decline").Parameters<DeclineOfferCommand>().ReturnsFromEntitySet<Offer>("Offers");
    }
}
