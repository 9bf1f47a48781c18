using HousingCapacity.Api.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using NodaTime;

namespace HousingCapacity.Api.OData;

/// <summary>Everything one OData request needs: the parsed URI, the database, the model and the limits.</summary>
internal sealed class ODataRequest
{
    public static readonly IReadOnlySet<string> SupportedOptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$apply", "$format" };

    public required HttpContext Http { get; init; }
    public required HousingDbContext Db { get; init; }
    public required ODataServiceModel Service { get; init; }
    public required ODataOptions Options { get; init; }
    public required IClock Clock { get; init; }
    public required Uri ServiceRoot { get; init; }
    public required Uri RequestUri { get; init; }
    public required ODataUriParser Parser { get; init; }
    public required ODataPath Path { get; init; }
    /// <summary>Who asks (from the bearer token).</summary>
    public Security.Caller Caller => Db.Scope.Current;

    public static ODataRequest Parse(HttpContext http, HousingDbContext db, ODataServiceModel service, ODataOptions options, IClock clock)
    {
        var request = http.Request;
        var serviceRoot = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/odata/");
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (Uri.TryCreate(raw, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)) raw = absolute.PathAndQuery;
        if (!raw.StartsWith('/')) raw = (request.PathBase + request.Path + request.QueryString).ToString();
        var prefix = request.PathBase + "/odata";
        var relative = raw.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? raw[prefix.Length..].TrimStart('/') : raw.TrimStart('/');
        var requestUri = new Uri(serviceRoot, relative);

        foreach (var key in request.Query.Keys.Where(k => k.StartsWith('$')))
        {
            if (!SupportedOptions.Contains(key))
                throw ODataProblem.BadRequest("UnsupportedQueryOption",
                    $"Forespørgselsparameteren {key} understøttes ikke. Understøttede: {string.Join(", ", SupportedOptions)}.",
                    $"The query option {key} is not supported. Supported: {string.Join(", ", SupportedOptions)}.", key);
            if (string.IsNullOrWhiteSpace(request.Query[key].ToString()))
                throw ODataProblem.BadRequest("EmptyQueryOption", $"{key} er angivet uden værdi.", $"{key} is given without a value.", key);
            if (request.Query[key].Count > 1)
                throw ODataProblem.BadRequest("DuplicateQueryOption", $"{key} er angivet mere end én gang.", $"{key} is given more than once.", key);
        }

        var parser = new ODataUriParser(service.Model, serviceRoot, requestUri)
        {
            Resolver = new StringAsEnumResolver { EnableCaseInsensitive = true },
        };
        parser.Settings.MaximumExpansionDepth = 100;
        parser.Settings.MaximumExpansionCount = 100;
        ODataPath path;
        try
        {
            path = parser.ParsePath();
        }
        catch (ODataUnrecognizedPathException)
        {
            throw ODataProblem.NotFound("Adressen findes ikke i tjenesten.", "The resource path does not exist in this service.");
        }
        catch (ODataException e)
        {
            throw ODataProblem.BadRequest("InvalidPath", "Adressen er ugyldig: " + e.Message, "The resource path is invalid: " + e.Message);
        }

        return new ODataRequest
        {
            Http = http, Db = db, Service = service, Options = options, Clock = clock,
            ServiceRoot = serviceRoot, RequestUri = requestUri, Parser = parser, Path = path,
        };
    }

    /// <summary>True when the client asked for odata.metadata=full.</summary>
    public bool FullMetadata => AcceptedMediaType().Contains("odata.metadata=full", StringComparison.OrdinalIgnoreCase);

    public ResourceSerializer NewSerializer() =>
        new(Service, FullMetadata ? ServiceRoot : null, Http.RequestServices.GetRequiredService<Security.PersonsInResponse>(),
            Security.AccessPolicy.MaySeeCpr(Caller));

    public ExpressionBinder NewBinder() => new(Service, Clock, Options.MaxFilterNodes, Caller);

    /// <summary>What writers, actions and functions get: the clock, the caller's name (as the access log has it), cancellation.</summary>
    public WriteContext NewWriteContext() => new(Clock, Caller.Name, Http.RequestAborted);

    /// <summary>The media type to answer with, from $format or Accept (ODataMessageWriter negotiates the rest).</summary>
    public string AcceptedMediaType()
    {
        var format = Http.Request.Query["$format"].ToString();
        if (!string.IsNullOrEmpty(format))
            return format.Equals("json", StringComparison.OrdinalIgnoreCase) ? "application/json"
                : format.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ? format
                : throw new ODataProblem(406, "NotAcceptable", $"Formatet '{format}' understøttes ikke; brug json.", $"The format '{format}' is not supported; use json.", "$format");
        var accept = Http.Request.Headers.Accept.ToString();
        return string.IsNullOrWhiteSpace(accept) ? "application/json;odata.metadata=minimal" : accept;
    }

    /// <summary>Writes an OData payload through a buffer: the synchronous writer may not touch Kestrel's body.</summary>
    public async Task WriteAsync(ODataUri odataUri, Action<ODataMessageWriter> write, int status = 200, Action<HttpResponse>? headers = null, bool minimalMetadataOnly = false)
    {
        var settings = new ODataMessageWriterSettings
        {
            ODataUri = odataUri,
            BaseUri = ServiceRoot,
            Version = ODataVersion.V4,
            EnableMessageStreamDisposal = false,
        };
        // $apply results carry aggregated values that are not declared properties.
        settings.Validations &= ~ValidationKinds.ThrowOnUndeclaredPropertyForNonOpenType;
        try
        {
            var mediaType = AcceptedMediaType();
            if (minimalMetadataOnly && mediaType.Contains("odata.metadata=full", StringComparison.OrdinalIgnoreCase))
                mediaType = "application/json;odata.metadata=minimal";
            settings.SetContentType(mediaType, "utf-8");
        }
        catch (ODataException)
        {
            throw new ODataProblem(406, "NotAcceptable", "Tjenesten svarer kun med application/json.", "The service answers with application/json only.");
        }
        await using var buffer = new FileBufferingWriteStream();
        using var message = new BufferedResponseMessage(buffer) { StatusCode = status };
        try
        {
            using var writer = new ODataMessageWriter(message, settings, Service.Model);
            write(writer);
        }
        catch (ODataContentTypeException)
        {
            throw new ODataProblem(406, "NotAcceptable", "Tjenesten svarer kun med application/json.", "The service answers with application/json only.");
        }
        // The access log line goes in before the first byte of person data goes out.
        if (HttpMethods.IsGet(Http.Request.Method))
            await Security.AccessLog.RecordReadAsync(Db, Db.Scope, Http.RequestServices.GetRequiredService<Security.PersonsInResponse>(), Clock, Http.RequestAborted);
        var response = Http.Response;
        response.StatusCode = status;
        foreach (var (name, value) in message.Headers) response.Headers[name] = value;
        headers?.Invoke(response);
        await buffer.DrainBufferAsync(response.Body);
    }
}
