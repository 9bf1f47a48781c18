using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.OData;

/// <summary>
/// <c>[EnableQuery]</c> with the service's rules: the limits of <see cref="ODataLimits"/> and the access and CPR rules of
/// <see cref="QueryRules"/> before anything runs, server-driven paging (<c>OData:DefaultPageSize</c>, lowered by
/// <c>Prefer: odata.maxpagesize</c>) with <c>Id</c> as the last sort key, and the library's own refusals turned into the
/// service's error format (Danish and English, no stack trace).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HousingQueryAttribute : EnableQueryAttribute
{
    public HousingQueryAttribute()
    {
        // The configured limits are checked by QueryRules, with the service's codes; these only keep the library out of the way.
        MaxExpansionDepth = 100;
        MaxNodeCount = 100_000;
        MaxAnyAllExpressionDepth = 100;
        // $search has no meaning here and would be ignored silently; $skiptoken and $deltatoken are not offered.
        AllowedQueryOptions = AllowedQueryOptions.Supported & ~AllowedQueryOptions.Search & ~AllowedQueryOptions.SkipToken
                              & ~AllowedQueryOptions.DeltaToken;
        EnsureStableOrdering = true;
        HandleNullPropagation = HandleNullPropagationOption.Default;
        // Any page size makes the library apply the query even when the request has no options; the size itself is the
        // configured one (ApplyQuery below).
        PageSize = 100;
    }

    public override void OnActionExecuting(ActionExecutingContext actionContext)
    {
        base.OnActionExecuting(actionContext);
        actionContext.Result = Translate(actionContext.Result);
    }

    public override void ValidateQuery(HttpRequest request, ODataQueryOptions queryOptions)
    {
        if (queryOptions.RawValues.Apply is not null
            && request.ODataFeature().Path.LastSegment.EdmType is not Microsoft.OData.Edm.IEdmCollectionType)
            throw ODataProblem.BadRequest("NotSupported", "$apply kan kun bruges på samlinger.", "$apply can only be used on collections.",
                "$apply");
        var services = request.HttpContext.RequestServices;
        try
        {
            new QueryRules(services.GetRequiredService<CallerScope>().Current, services.GetRequiredService<IOptions<ODataLimits>>().Value)
                .Check(queryOptions);
        }
        catch (ArgumentException)
        {
            // The library parses an option when it is first read, and some incomplete ones ($compute=Beds mul 2 as) throw this.
            throw ODataProblem.BadRequest("InvalidQuery", "Forespørgslen er ugyldig: et udtryk er ufuldstændigt.",
                "The query is invalid: an expression is incomplete.");
        }
        base.ValidateQuery(request, queryOptions);
        EmptyAggregate.Expect(request.HttpContext, queryOptions);
    }

    public override IQueryable ApplyQuery(IQueryable queryable, ODataQueryOptions queryOptions)
    {
        var limits = queryOptions.Request.HttpContext.RequestServices.GetRequiredService<IOptions<ODataLimits>>().Value;
        var settings = new ODataQuerySettings
        {
            // A single record is paged too, though it has no pages: unpaged, the library runs its query inside its own catch,
            // which answers a lost database connection (an InvalidOperationException) as a 400; paged, the query runs through
            // reflection and the failure reaches ODataResponses as the 503 it is (PostgreSqlTests.ALostDatabaseConnection_…).
            PageSize = PageSizeFor(queryOptions.Request, limits),
            EnsureStableOrdering = true,
            HandleNullPropagation = HandleNullPropagationOption.Default,
            EnableConstantParameterization = true,
            // Nested collections as buffered subqueries: EF Core then loads them with joins SQLite can run (it has no APPLY).
            EnableCorrelatedSubqueryBuffering = true,
            TimeZone = TimeZoneInfo.Utc,
        };
        return queryOptions.ApplyTo(queryable, settings);
    }

    public override void OnActionExecuted(ActionExecutedContext context)
    {
        base.OnActionExecuted(context);
        context.Result = Translate(context.Result);
    }

    /// <summary>At most one page: the configured size, or less when the client prefers (Prefer: odata.maxpagesize=N).</summary>
    private static int PageSizeFor(HttpRequest request, ODataLimits limits)
    {
        var size = limits.DefaultPageSize;
        foreach (var prefer in request.Headers["Prefer"].ToString().Split(',', StringSplitOptions.TrimEntries))
            if (prefer.StartsWith("odata.maxpagesize=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(prefer["odata.maxpagesize=".Length..], out var wanted) && wanted > 0)
                size = Math.Min(wanted, limits.MaxTop);
        return size;
    }

    /// <summary>The library answers a query it cannot validate or apply with a 400 holding its exception (and stack trace).</summary>
    private static IActionResult? Translate(IActionResult? result) => result switch
    {
        BadRequestObjectResult { Value: SerializableError error } => new ODataProblemResult(ODataProblem.BadRequest("InvalidQuery",
            "Forespørgslen er ugyldig: " + MessageOf(error), "The query is invalid: " + MessageOf(error))),
        _ => result,
    };

    private static string MessageOf(SerializableError error) =>
        (error.TryGetValue("ExceptionMessage", out var inner) ? inner : error.GetValueOrDefault("Message"))?.ToString() ?? "";
}
