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
            case "GetNavigationProperty":
                // A property of the record a single-valued navigation leads to: Units(1)/Facility/Name, with /$value (issue 23).
                foreach (var navigation in set.EntityType.NavigationProperties().Where(n => !n.Type.IsCollection()))
                {
                    var target = set.FindNavigationTarget(navigation);
                    foreach (var property in navigation.ToEntityType().StructuralProperties())
                    {
                        ODataSegmentTemplate[] path =
                        [
                            new EntitySetSegmentTemplate(set), key, new NavigationSegmentTemplate(navigation, target),
                            new PropertySegmentTemplate(property),
                        ];
                        action.AddSelector("Get", context.Prefix, context.Model, new ODataPathTemplate(path),
                            context.Options?.RouteOptions);
                        action.AddSelector("Get", context.Prefix, context.Model,
                            new ODataPathTemplate([.. path, new ValueSegmentTemplate(property.Type.Definition)]),
                            context.Options?.RouteOptions);
                    }
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
        if (!context.Action.Attributes.Any(a => a is HttpGetAttribute)
            || BoundOperation<IEdmFunction>(context) is not { } function) return false;
        var all = function.Parameters.Skip(1).ToList();
        var required = all.Where(p => p is not IEdmOptionalParameter).ToList();
        foreach (var parameters in required.Count == all.Count ? [all] : new[] { all, required })
        {
            var template = new FunctionSegmentTemplate(parameters.ToDictionary(p => p.Name, p => $"{{{p.Name}}}"), function, null);
            AddSelector(context, key, "Get", template);
            // A collection's count: Facilities/HousingCapacity.Availability(date=…)/$count (issue 23: it was 404).
            if (function.GetReturn()?.Type.IsCollection() == true) AddSelector(context, key, "Get", template,
                CountSegmentTemplate.Instance);
        }
        return true;
    }

    private static bool RouteAction(ODataControllerActionContext context, KeySegmentTemplate key)
    {
        if (!context.Action.Attributes.Any(a => a is HttpPostAttribute)
            || BoundOperation<IEdmAction>(context) is not { } action) return false;
        AddSelector(context, key, "Post", new ActionSegmentTemplate(action, null));
        return true;
    }

    private static bool OnRecord(ODataControllerActionContext context) => context.Action.Parameters.Any(p => p.ParameterName == "key");

    /// <summary>The operation of the method's name bound to the set's records (a method with a key) or to the set.</summary>
    private static T? BoundOperation<T>(ODataControllerActionContext context) where T : class, IEdmOperation
    {
        var type = context.EntitySet.EntityType;
        var onRecord = OnRecord(context);
        return context.Model.SchemaElements.OfType<T>().SingleOrDefault(o => o.IsBound && o.Name == context.Action.ActionName
            && (onRecord ? o.Parameters.First().Type.Definition == type
                : o.Parameters.First().Type.Definition is IEdmCollectionType c && c.ElementType.Definition == type));
    }

    private static void AddSelector(ODataControllerActionContext context, KeySegmentTemplate key, string method,
        params ODataSegmentTemplate[] operation)
    {
        var segments = new List<ODataSegmentTemplate> { new EntitySetSegmentTemplate(context.EntitySet) };
        if (OnRecord(context)) segments.Add(key);
        segments.AddRange(operation);
        context.Action.AddSelector(method, context.Prefix, context.Model, new ODataPathTemplate(segments), context.Options?.RouteOptions);
    }
}
