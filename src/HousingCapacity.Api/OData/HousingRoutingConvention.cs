using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Routing.Conventions;
using Microsoft.AspNetCore.OData.Routing.Template;
using Microsoft.OData.Edm;

namespace HousingCapacity.Api.OData;

/// <summary>
/// Routes bound actions to controller methods of the same name whose parameters are <c>[FromODataBody]</c> values (the
/// library's own convention only routes methods taking <c>ODataActionParameters</c>), and every navigation path
/// (<c>Facilities(3)/Units</c>, <c>…/Units/$count</c>, <c>Units(5)/Facility</c>) and property
/// path (<c>Municipalities(1)/Name</c>, with <c>/$value</c> for the raw value) of an entity set to the two generic actions of <see
/// cref="EntitySetController{T}"/>,
/// instead of one <c>Get{Navigation}</c> method per navigation in every controller.
/// </summary>
public sealed class HousingRoutingConvention : IODataControllerActionConvention
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
                        new ODataPathTemplate(new EntitySetSegmentTemplate(set), key, new NavigationSegmentTemplate(navigation, target)),
                            context.Options?.RouteOptions);
                    if (navigation.Type.IsCollection())
                        action.AddSelector("Get", context.Prefix, context.Model, new ODataPathTemplate(new EntitySetSegmentTemplate(set),
                            key,
                            new NavigationSegmentTemplate(navigation, target), CountSegmentTemplate.Instance),
                                context.Options?.RouteOptions);
                }
                return true;
            case "GetProperty":
                foreach (var property in set.EntityType.StructuralProperties())
                {
                    action.AddSelector("Get", context.Prefix, context.Model,
                        new ODataPathTemplate(new EntitySetSegmentTemplate(set), key, new PropertySegmentTemplate(property)),
                            context.Options?.RouteOptions);
                    // The raw value (text/plain): Municipalities(1)/Name/$value.
                    action.AddSelector("Get", context.Prefix, context.Model, new ODataPathTemplate(new EntitySetSegmentTemplate(set), key,
                        new PropertySegmentTemplate(property), new ValueSegmentTemplate(property.Type.Definition)),
                            context.Options?.RouteOptions);
                }
                return true;
            default:
                return RouteAction(context, key) || RouteFunction(context, key);
        }
    }

    /// <summary>A bound function, with and without its optional parameters (the library's convention needs them all).</summary>
    private static bool RouteFunction(ODataControllerActionContext context, KeySegmentTemplate key)
    {
        var action = context.Action;
        var set = context.EntitySet;
        if (!action.Attributes.Any(a => a is HttpGetAttribute)) return false;
        var onRecord = action.Parameters.Any(p => p.ParameterName == "key");
        var function = context.Model.SchemaElements.OfType<IEdmFunction>().SingleOrDefault(f => f.IsBound && f.Name == action.ActionName
            && (onRecord ? f.Parameters.First().Type.Definition == set.EntityType
                : f.Parameters.First().Type.Definition is IEdmCollectionType c && c.ElementType.Definition == set.EntityType));
        if (function is null) return false;
        var all = function.Parameters.Skip(1).ToList();
        var required = all.Where(p => p is not IEdmOptionalParameter).ToList();
        foreach (var parameters in required.Count == all.Count ? [all] : new[] { all, required })
        {
            var segments = new List<ODataSegmentTemplate> { new EntitySetSegmentTemplate(set) };
            if (onRecord) segments.Add(key);
            segments.Add(new FunctionSegmentTemplate(parameters.ToDictionary(p => p.Name, p => $"{{{p.Name}}}"), function, null));
            action.AddSelector("Get", context.Prefix, context.Model, new ODataPathTemplate(segments), context.Options?.RouteOptions);
        }
        return true;
    }

    private static bool RouteAction(ODataControllerActionContext context, KeySegmentTemplate key)
    {
        var action = context.Action;
        var set = context.EntitySet;
        if (!action.Attributes.Any(a => a is HttpPostAttribute)) return false;
        var onRecord = action.Parameters.Any(p => p.ParameterName == "key");
        var operation = context.Model.SchemaElements.OfType<IEdmAction>().SingleOrDefault(a => a.IsBound && a.Name == action.ActionName
            && (onRecord ? a.Parameters.First().Type.Definition == set.EntityType
                : a.Parameters.First().Type.Definition is IEdmCollectionType c && c.ElementType.Definition == set.EntityType));
        if (operation is null) return false;
        var segments = new List<ODataSegmentTemplate> { new EntitySetSegmentTemplate(set) };
        if (onRecord) segments.Add(key);
        segments.Add(new ActionSegmentTemplate(operation, null));
        action.AddSelector("Post", context.Prefix, context.Model, new ODataPathTemplate(segments), context.Options?.RouteOptions);
        return true;
    }
}
