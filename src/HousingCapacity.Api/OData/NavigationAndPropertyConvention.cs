using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Routing.Conventions;
using Microsoft.AspNetCore.OData.Routing.Template;
using Microsoft.OData.Edm;

namespace HousingCapacity.Api.OData;

/// <summary>
/// Routes every navigation path (<c>Facilities(3)/Units</c>, <c>…/Units/$count</c>, <c>Units(5)/Facility</c>) and property
/// path (<c>Municipalities(1)/Name</c>) of an entity set to the two generic actions of <see cref="EntitySetController{T}"/>,
/// instead of one <c>Get{Navigation}</c> method per navigation in every controller.
/// </summary>
public sealed class NavigationAndPropertyConvention : IODataControllerActionConvention
{
    public int Order => 100;

    public bool AppliesToController(ODataControllerActionContext context) => context.EntitySet is not null;

    public bool AppliesToAction(ODataControllerActionContext context)
    {
        var action = context.Action;
        var set = context.EntitySet;
        var key = new KeySegmentTemplate(new Dictionary<string, string> { [nameof(Entity.Id)] = "{key}" }, set.EntityType, set);
        switch (action.ActionName)
        {
            case "GetNavigation":
                foreach (var navigation in set.EntityType.NavigationProperties())
                {
                    var target = set.FindNavigationTarget(navigation);
                    action.AddSelector("Get", context.Prefix, context.Model,
                        new ODataPathTemplate(new EntitySetSegmentTemplate(set), key, new NavigationSegmentTemplate(navigation, target)), context.Options?.RouteOptions);
                    if (navigation.Type.IsCollection())
                        action.AddSelector("Get", context.Prefix, context.Model, new ODataPathTemplate(new EntitySetSegmentTemplate(set), key,
                            new NavigationSegmentTemplate(navigation, target), CountSegmentTemplate.Instance), context.Options?.RouteOptions);
                }
                return true;
            case "GetProperty":
                foreach (var property in set.EntityType.StructuralProperties())
                    action.AddSelector("Get", context.Prefix, context.Model,
                        new ODataPathTemplate(new EntitySetSegmentTemplate(set), key, new PropertySegmentTemplate(property)), context.Options?.RouteOptions);
                return true;
            default:
                return false;
        }
    }
}
