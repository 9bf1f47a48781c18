using System.Text;
using System.Xml;
using HousingCapacity.Api.Data;
using HousingCapacity.Domain;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;
using Microsoft.OData.UriParser;
using NodaTime;

namespace HousingCapacity.Api.OData;

/// <summary>The OData v4 service at /odata: service document, $metadata, and every entity set.</summary>
public static class ODataEndpoints
{
    public static IServiceCollection AddODataService(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ODataOptions>(configuration.GetSection("OData"));
        services.AddSingleton(_ => ODataServiceModel.Create());
        return services;
    }

    public static void MapOData(this IEndpointRouteBuilder app)
    {
        // One route: the catch-all also matches /odata itself.
        app.MapMethods("/odata/{**path}", ["GET", "POST", "PATCH", "PUT", "DELETE", "MERGE"], (HttpContext http, string? path) =>
            string.IsNullOrEmpty(path) ? OnlyGet(http, ServiceDocumentAsync)
            : path.TrimEnd('/') == "$metadata" ? OnlyGet(http, MetadataAsync)
            : path.TrimEnd('/') == "$batch" ? Guarded(http, () => throw ODataProblem.BadRequest("NotSupported",
                "$batch understøttes ikke her; send forespørgslerne hver for sig.", "$batch is not supported here; send the requests one by one."))
            : ResourceAsync(http));
    }

    private static Task OnlyGet(HttpContext http, Func<HttpContext, Task> handler) =>
        HttpMethods.IsGet(http.Request.Method) ? handler(http) : Guarded(http, () =>
        {
            http.Response.Headers.Allow = "GET";
            throw new ODataProblem(405, "MethodNotAllowed", "Kun GET er tilladt her.", "Only GET is allowed here.");
        });

    private static Task ServiceDocumentAsync(HttpContext http) => Guarded(http, async () =>
    {
        var request = NewRequest(http);
        await request.WriteAsync(new ODataUri { ServiceRoot = request.ServiceRoot },
            w => w.WriteServiceDocument(request.Service.Model.GenerateServiceDocument()));
    });

    private static Task MetadataAsync(HttpContext http) => Guarded(http, async () =>
    {
        var service = http.RequestServices.GetRequiredService<ODataServiceModel>();
        var format = http.Request.Query["$format"].ToString();
        var accept = http.Request.Headers.Accept.ToString();
        var json = format.Equals("json", StringComparison.OrdinalIgnoreCase) || format.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                   || string.IsNullOrEmpty(format) && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("xml", StringComparison.OrdinalIgnoreCase);
        if (!json && !string.IsNullOrEmpty(format) && !format.Equals("xml", StringComparison.OrdinalIgnoreCase) && !format.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase))
            throw new ODataProblem(406, "NotAcceptable", "$metadata findes som xml og json.", "$metadata is available as xml and json.", "$format");

        // CsdlWriter has no async variant: write to memory, then copy.
        using var buffer = new MemoryStream();
        IEnumerable<EdmError> errors;
        if (json)
        {
            using var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true });
            CsdlWriter.TryWriteCsdl(service.Model, writer, out errors);
            writer.Flush();
        }
        else
        {
            using var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
            CsdlWriter.TryWriteCsdl(service.Model, writer, CsdlTarget.OData, out errors);
            writer.Flush();
        }
        if (errors.Any()) throw new InvalidOperationException("The EDM model is invalid: " + string.Join("; ", errors));
        http.Response.ContentType = json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8";
        http.Response.Headers["OData-Version"] = "4.0";
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body);
    });

    private static Task ResourceAsync(HttpContext http) => Guarded(http, async () =>
    {
        var request = NewRequest(http);
        Authorize(request);
        if (HttpMethods.IsGet(http.Request.Method)) await QueryHandler.GetAsync(request);
        else
        {
            var writers = http.RequestServices.GetServices<IEntitySetWriter>().ToDictionary(w => w.EntitySet, StringComparer.Ordinal);
            await WriteHandler.HandleAsync(request, writers, http.RequestServices.GetServices<IEntityAction>(),
                http.RequestServices.GetServices<ICollectionAction>());
        }
    });

    /// <summary>
    /// May the caller's role use what this request touches at all: every entity set on the path and in $expand, the action or
    /// function called (AccessPolicy). Paths inside $filter, $orderby and $apply are checked as the
    /// binder meets them; which records are visible is the database context's query filters.
    /// </summary>
    private static void Authorize(ODataRequest request)
    {
        var caller = request.Caller;
        var segments = request.Path.ToList();
        // Only entity sets are served below /odata (the service document and $metadata have their own routes).
        var root = segments.OfType<EntitySetSegment>().FirstOrDefault()?.EntitySet.Name
                   ?? throw ODataProblem.NotFound("Ressourcen findes ikke.", "The resource does not exist.");
        if (segments[^1] is OperationSegment operation)
            Security.AccessPolicy.EnsureMayCall(caller, root, operation.Operations.Single().Name);
        // Writes to a set are checked by WriteHandler, after it has ruled out methods the set never allows (405).
        if (!HttpMethods.IsGet(request.Http.Request.Method)) return;
        foreach (var segment in segments)
        {
            if (segment is EntitySetSegment set) Security.AccessPolicy.EnsureMayRead(caller, set.EntitySet.Name);
            if (segment is NavigationPropertySegment nav) Security.AccessPolicy.EnsureMayRead(caller, nav.NavigationSource.Name);
        }
        if (request.Http.Request.Query.ContainsKey("$expand"))
            EnsureMayExpand(caller, request.Parser.ParseSelectAndExpand());
    }

    private static void EnsureMayExpand(Security.Caller caller, SelectExpandClause? clause)
    {
        foreach (var item in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            Security.AccessPolicy.EnsureMayRead(caller, item.NavigationSource.Name);
            EnsureMayExpand(caller, item.SelectAndExpand);
        }
    }

    private static ODataRequest NewRequest(HttpContext http) => ODataRequest.Parse(http,
        http.RequestServices.GetRequiredService<HousingDbContext>(),
        http.RequestServices.GetRequiredService<ODataServiceModel>(),
        http.RequestServices.GetRequiredService<IOptions<ODataOptions>>().Value,
        http.RequestServices.GetRequiredService<IClock>());

    /// <summary>Every failure becomes an OData error with the right status; nothing unexpected leaks a stack trace.</summary>
    private static async Task Guarded(HttpContext http, Func<Task> handler)
    {
        ODataProblem problem;
        try
        {
            await handler();
            return;
        }
        catch (ODataProblem p) { problem = p; }
        catch (Security.AccessDeniedException e) { problem = ODataProblem.Forbidden(e); }
        catch (DomainRuleException e)
        {
            problem = new ODataProblem(422, e.Code, e.MessageDa, e.MessageEn, e.Target, [new ProblemDetail(e.Code, e.MessageDa, e.MessageEn, e.Target)]);
        }
        catch (ODataException e)
        {
            problem = ODataProblem.BadRequest("InvalidRequest", "Forespørgslen er ugyldig: " + e.Message, "The request is invalid: " + e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            problem = new ODataProblem(412, "PreconditionFailed", "Posten blev ændret af en anden samtidig. Hent den igen og prøv på ny.",
                "The record was changed by someone else at the same time. Read it again and retry.");
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 } sqlite)
        {
            problem = DatabaseGuards.Refusal(sqlite);
        }
        catch (DecoderFallbackException)
        {
            problem = ODataProblem.BadRequest("InvalidBody", "Indholdet er ikke gyldig UTF-8.", "The body is not valid UTF-8.");
        }
        catch (BadHttpRequestException e)
        {
            problem = new ODataProblem(e.StatusCode, "BadRequest", "Forespørgslen kunne ikke læses.", "The request could not be read.");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HousingCapacity.OData");
            logger.LogError("Unhandled {ExceptionType} on {Method} {Path}: {Message}", e.GetType().Name, http.Request.Method,
                Privacy.Scrub(http.Request.Path.Value ?? ""), Privacy.Scrub(e.Message));
            problem = new ODataProblem(500, "InternalError", "Der opstod en uventet fejl. Den er logget.", "An unexpected error occurred. It has been logged.");
        }
        if (http.Response.HasStarted) return;
        var allow = http.Response.Headers.Allow.ToString();
        http.Response.Clear();
        if (problem.Status == 405) http.Response.Headers.Allow = allow.Length > 0 ? allow : "GET";
        await problem.WriteAsync(http.Response);
    }
}
