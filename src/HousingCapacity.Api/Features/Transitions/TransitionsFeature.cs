using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Transitions;

/// <summary>Transitions (overgange): known dates on which a person loses their roof, and the officers' worklist (issue 28).</summary>
public sealed class TransitionsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TransitionOptions>(configuration.GetSection("Transitions"));
        services.AddSingleton<TransitionWriter>();
    }

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        model.EntitySet<Transition>("Transitions").EntityType.Ignore(t => t.SecuredInTime);
        var transition = model.EntityType<Transition>();
        transition.Action("Secure").Parameters<SecureTransitionCommand>().ReturnsFromEntitySet<Transition>("Transitions");
        transition.Action("Decline").Parameters<DeclineTransitionCommand>().ReturnsFromEntitySet<Transition>("Transitions");
        var worklist = transition.Collection.Function("Worklist");
        worklist.Parameter<int>("days").Optional();
        worklist.ReturnsCollectionFromEntitySet<Transition>("Transitions");
    }
}
