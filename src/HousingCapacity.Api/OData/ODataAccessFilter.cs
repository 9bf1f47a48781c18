using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.OData.UriParser;

namespace HousingCapacity.Api.OData;

/// <summary>
/// May the caller's role use what this request's path touches at all: every entity set and navigation on the path, and the
/// action or function it calls (<see cref="AccessPolicy"/>; writes to a set are checked by the controller after it has ruled
/// out methods the set never allows). And a parameter that failed to bind is a 400 naming it, not a silent default.
/// </summary>
public sealed class ODataAccessFilter : IResourceFilter, IActionFilter
{
    /// <summary>Set once the request is bound and the controller is about to run (see ODataResponses.Classify).</summary>
    public const string ActionStartedKey = "HousingCapacity.ActionStarted";

    // A resource filter runs before the body is bound: a role that may not call an action learns nothing from its parameters.
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var http = context.HttpContext;
        var path = http.ODataFeature().Path;
        if (path is null) return;
        http.Request.GetRouteServices().GetRequiredService<QueryRequest>().Services = http.RequestServices;
        var caller = http.RequestServices.GetRequiredService<CallerScope>().Current;
        var root = path.FirstSegment as EntitySetSegment;
        if (path.LastSegment is OperationSegment operation && root is not null)
            AccessPolicy.EnsureMayCall(caller, root.EntitySet.Name, operation.Operations.Single().Name);
        if (HttpMethods.IsGet(http.Request.Method))
            foreach (var segment in path)
            {
                if (segment is EntitySetSegment set) AccessPolicy.EnsureMayRead(caller, set.EntitySet.Name);
                if (segment is NavigationPropertySegment navigation) AccessPolicy.EnsureMayRead(caller, navigation.NavigationSource.Name);
            }
    }

    public void OnResourceExecuted(ResourceExecutedContext context) { }

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (!context.ModelState.IsValid)
        {
            var errors = context.ModelState.Values.SelectMany(v => v.Errors).ToList();
            // An action's body read as a whole (a command, CommandModelBinder): what the library's reader could not read is in the
            // model state, and is answered as the reader's error is everywhere else.
            if (errors.FirstOrDefault(e => e.Exception is not null)?.Exception is { } thrown)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
        }
        context.HttpContext.Items[ActionStartedKey] = true;
        foreach (var (name, value) in context.ActionArguments.ToList())
            if (HousingFilterBinder.AsDateOnly(value) is { } date) context.ActionArguments[name] = date;
        if (!context.ModelState.IsValid)
        {
            var names = context.ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList();
            throw new ODataProblem(400, "InvalidBody", "Parametrene er ugyldige: " + string.Join(", ", names) + ".",
                "The parameters are invalid: " + string.Join(", ", names) + ".", names.FirstOrDefault(),
                names.Select(n => Refusal.Invalid("InvalidValue", $"{n} har en ugyldig værdi.", $"{n} has an invalid value.",
                    n)).ToList());
        }
    }

    public void OnActionExecuted(ActionExecutedContext context) { }
}
