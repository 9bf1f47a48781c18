using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HousingCapacity.Api.OData;

/// <summary>
/// Every answer below /odata passes here. A successful answer streams: its access log line is written before it starts
/// (<see cref="ReadLogFilter"/>). What is held back is only an error the library or MVC writes in a format of its own (with
/// <c>innererror</c> and a stack trace, #1048, #1438), rewritten in the service's format, Danish and English, and an aggregate of
/// an empty set, which gets its row (<see cref="EmptyAggregate"/>). An exception anywhere — in a controller, in the query binders,
/// or while the library serializes (AspNetCore.OData #361, #704) — becomes one OData error; one after the answer has started
/// aborts it, so that a client never takes half a body for a whole one.
/// </summary>
public static partial class ODataResponses
{
    [GeneratedRegex(@"^/[A-Za-z]+\(([^)]*)\)")]
    private static partial Regex KeyOfPath();

    [GeneratedRegex(@"\(Id=(?<id>\d+)\)")]
    private static partial Regex NamedKey();

    private static readonly HashSet<string> SupportedOptions = new(StringComparer.OrdinalIgnoreCase)
        { "$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$apply", "$compute", "$format" };

    private const string HandledKey = "HousingCapacity.ODataResponse";

    /// <summary>
    /// Registered twice: before the $batch middleware (every request, the batch itself included) and after it, where only the
    /// batch's sub-requests arrive unhandled (each has items of its own).
    /// </summary>
    public static void UseODataResponses(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/odata", out var rest) || http.Items.ContainsKey(HandledKey))
        {
            await next(http);
            return;
        }
        http.Items[HandledKey] = true;
        // A $batch's requests share the batch's caller and log: each names its own request line (masked) while it runs.
        if (Microsoft.AspNetCore.OData.Extensions.HttpContextExtensions.ODataBatchFeature(http).BatchId is not null)
            AccessLog.DescribeBatchPart(http.RequestServices.GetRequiredService<CallerScope>(), http);
        var original = http.Response.Body;
        var answer = new AnswerStream(http, original);
        http.Response.Body = answer;
        ODataProblem? problem = null;
        try
        {
            PrepareRequest(http, rest);
            await next(http);
        }
        catch (Exception e) when (!(e is OperationCanceledException && http.RequestAborted.IsCancellationRequested))
        {
            problem = Classify(e, http);
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.RequestAborted.IsCancellationRequested) return;
        if (answer.Streamed)
        {
            // The answer has started: a failure now can only cut it short.
            if (problem is not null) http.Abort();
            return;
        }
        var held = answer.Held?.ToArray() ?? [];
        // An error answered without a body of ours (endpoint routing's bare 405, the library's own JSON) is rewritten.
        if (problem is null && http.Response.StatusCode >= 400 && !http.Items.ContainsKey(ODataProblem.WrittenKey))
            problem = Rewrite(http, held);
        if (problem is null)
        {
            if (answer.Held is null) return;
            http.Response.ContentLength = null;
            await original.WriteAsync(EmptyAggregate.Complete(http, held) ?? held, http.RequestAborted);
            return;
        }
        var allow = http.Response.Headers.Allow.ToString();
        http.Response.Clear();
        if (problem.Status == 405) http.Response.Headers.Allow = allow.Length > 0 ? allow : "GET";
        await problem.WriteAsync(http.Response);
    });

    /// <summary>
    /// The response's body: written through as it comes (the answer streams), unless at its first byte it is an error in a format
    /// of its own or an aggregate to complete, which is held for the middleware to rewrite.
    /// </summary>
    private sealed class AnswerStream(HttpContext http, Stream inner) : Stream
    {
        private bool _decided;

        public MemoryStream? Held { get; private set; }
        public bool Streamed { get; private set; }

        private Stream Target()
        {
            if (!_decided)
            {
                _decided = true;
                if (http.Response.StatusCode >= 400 && !http.Items.ContainsKey(ODataProblem.WrittenKey)
                    || http.Items.ContainsKey(EmptyAggregate.Key))
                    Held = new MemoryStream();
                else Streamed = true;
            }
            return Held ?? inner;
        }

        public override void Write(byte[] buffer, int offset, int count) => Target().Write(buffer, offset, count);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            Target().WriteAsync(buffer, offset, count, ct);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) =>
            Target().WriteAsync(buffer, ct);
        public override void Flush() => (Held is null && _decided ? inner : Stream.Null).Flush();
        public override Task FlushAsync(CancellationToken ct) => Held is null && _decided ? inner.FlushAsync(ct) : Task.CompletedTask;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>
    /// Query options the service does not offer are refused by name, not ignored; $format names JSON (or, for $metadata, XML);
    /// $metadata is also JSON for Accept: application/json; aggregated answers ($apply) are written with minimal metadata,
    /// because the library cannot build links for them.
    /// </summary>
    private static void PrepareRequest(HttpContext http, PathString rest)
    {
        var request = http.Request;
        // $entity?$id=Facilities(1) (OData 4.01 §4.4: the entity with that id, as generated clients resolve an @odata.id) is that
        // entity's own address.
        if (rest.Value?.TrimEnd('/') == "/$entity" && HttpMethods.IsGet(request.Method))
        {
            var id = request.Query["$id"].ToString();
            var prefix = request.PathBase.Value + "/odata/";
            // Absolute (of any host: a client behind a proxy uses the public one), rooted, or relative to the service root.
            var relative = Uri.TryCreate(id, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
                ? absolute.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal) ? absolute.AbsolutePath[prefix.Length..] : ""
                : id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : id.TrimStart('/');
            if (relative.Length == 0 || relative.Contains('?') || relative.Contains("$entity", StringComparison.Ordinal))
                throw ODataProblem.BadRequest("InvalidEntityId", "$id skal være adressen på en post, fx Facilities(1).",
                    "$id must be the address of a record, e.g. Facilities(1).", "$id");
            request.Path = "/odata/" + Uri.UnescapeDataString(relative);
            rest = request.Path.Value!["/odata".Length..];
            request.QueryString = QueryString.Create(request.Query.Where(q => q.Key != "$id")
                .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())));
        }
        var metadata = rest.Value?.TrimEnd('/') == "/$metadata";
        var format = request.Query["$format"].ToString();
        if (format.Length > 0 && !(format.Equals("json", StringComparison.OrdinalIgnoreCase) || format.StartsWith("application/json",
            StringComparison.OrdinalIgnoreCase)
                                   || metadata && (format.Equals("xml", StringComparison.OrdinalIgnoreCase)
                                       || format.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase))))
            throw new ODataProblem(406, "NotAcceptable",
                $"Formatet '{format}' understøttes ikke; brug json{(metadata ? " eller xml" : "")}.",
                $"The format '{format}' is not supported; use json{(metadata ? " or xml" : "")}.", "$format");
        if (request.Query.ContainsKey("$apply"))
        {
            if (format.Contains("odata.metadata=full", StringComparison.OrdinalIgnoreCase))
                request.QueryString = QueryString.Create(request.Query.Select(q => KeyValuePair.Create(q.Key,
                    q.Key == "$format" ? (string?)"application/json;odata.metadata=minimal" : q.Value.ToString())));
            request.Headers.Accept = request.Headers.Accept.ToString().Replace("odata.metadata=full", "odata.metadata=minimal",
                StringComparison.OrdinalIgnoreCase);
        }
        foreach (var key in request.Query.Keys.Where(k => k.StartsWith('$')))
        {
            if (!SupportedOptions.Contains(key))
                throw ODataProblem.BadRequest("UnsupportedQueryOption",
                    $"Forespørgselsparameteren {key} understøttes ikke. Understøttede: {string.Join(", ", SupportedOptions)}.",
                    $"The query option {key} is not supported. Supported: {string.Join(", ", SupportedOptions)}.", key);
            if (string.IsNullOrWhiteSpace(request.Query[key].ToString()))
                throw ODataProblem.BadRequest("EmptyQueryOption", $"{key} er angivet uden værdi.", $"{key} is given without a value.",
                    key);
            if (request.Query[key].Count > 1)
                throw ODataProblem.BadRequest("DuplicateQueryOption", $"{key} er angivet mere end én gang.",
                    $"{key} is given more than once.", key);
        }
        // A key named as the model names it, Facilities(Id=1), is the same key as Facilities(1): generated clients (SAP Cloud SDK)
        // send that form (issue 23).
        if (NamedKey().IsMatch(rest.Value ?? ""))
        {
            request.Path = "/odata" + NamedKey().Replace(rest.Value!, "(${id})");
            rest = request.Path.Value!["/odata".Length..];
        }
        // A key that is not a whole number is a malformed request (400), not a path that does not exist.
        if (KeyOfPath().Match(rest.Value ?? "") is { Success: true } keyMatch
            && !int.TryParse(keyMatch.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw ODataProblem.BadRequest("InvalidKey", $"Nøglen '{keyMatch.Groups[1].Value}' er ikke et gyldigt Id (et positivt heltal).",
                $"The key '{keyMatch.Groups[1].Value}' is not a valid Id (a positive whole number).");
        if (metadata)
        {
            if (!HttpMethods.IsGet(request.Method))
            {
                http.Response.Headers.Allow = "GET";
                throw new ODataProblem(405, "MethodNotAllowed", "Kun GET er tilladt her.", "Only GET is allowed here.");
            }
            request.Path = "/odata/$metadata";
            var accept = request.Headers.Accept.ToString();
            if (!request.Query.ContainsKey("$format") && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
                && !accept.Contains("xml", StringComparison.OrdinalIgnoreCase))
                request.QueryString = request.QueryString.Add("$format", "application/json");
        }
    }

    /// <summary>Every failure as an OData error with the right status; nothing unexpected leaks a stack trace.</summary>
    public static ODataProblem Classify(Exception exception, HttpContext http)
    {
        if (exception is ODataProblem problem) return problem;
        if (ExpectedRefusal.Of(exception) is { } refusal) return ODataProblem.From(refusal);
        switch (exception)
        {
            case Microsoft.OData.ODataException e:
                return ODataProblem.BadRequest("InvalidRequest", "Forespørgslen er ugyldig: " + e.Message,
                    "The request is invalid: " + e.Message);
            case System.Text.DecoderFallbackException:
                return ODataProblem.BadRequest("InvalidBody", "Indholdet er ikke gyldig UTF-8.", "The body is not valid UTF-8.");
            // Thrown while the request is read and bound, before any of our code runs: the client's input, not our fault.
            case ArgumentException or FormatException or InvalidCastException or OverflowException
                when !http.Items.ContainsKey(ODataAccessFilter.ActionStartedKey):
                return ODataProblem.BadRequest("InvalidRequest", "Forespørgslen indeholder en ugyldig værdi: " + exception.Message,
                    "The request holds an invalid value: " + exception.Message);
            case BadHttpRequestException e:
                return new ODataProblem(e.StatusCode, "BadRequest", "Forespørgslen kunne ikke læses.", "The request could not be read.");
        }
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HousingCapacity.OData");
        // The library invokes queries by reflection: the cause is inside its TargetInvocationException.
        var cause = exception is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : exception;
        logger.LogError("Unhandled {ExceptionType} on {Method} {Path}: {Message}", cause.GetType().Name, http.Request.Method,
            Privacy.Scrub(http.Request.Path.Value ?? ""), Privacy.Scrub(cause.Message));
        return new ODataProblem(500, "InternalError", "Der opstod en uventet fejl. Den er logget.",
            "An unexpected error occurred. It has been logged.");
    }

    private static bool PathExists(HttpContext http)
    {
        try
        {
            var root = new Uri("http://service/odata/");
            var path = http.Request.Path.Value!["/odata".Length..].TrimStart('/');
            new Microsoft.OData.UriParser.ODataUriParser(http.RequestServices.GetRequiredService<Microsoft.OData.Edm.IEdmModel>(), root,
                new Uri(root, path)).ParsePath();
            return true;
        }
        catch (Exception e) when (e is Microsoft.OData.ODataException or UriFormatException)
        {
            return false;
        }
    }

    /// <summary>A refusal written by the library or by MVC (its own JSON, a problem details object, or nothing) in the service's
    /// format.</summary>
    private static ODataProblem Rewrite(HttpContext http, byte[] body)
    {
        var status = http.Response.StatusCode;
        string? detail = null;
        string? code = null;
        if (body.Length > 0)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                if (root.TryGetProperty("error", out var error))
                {
                    code = error.TryGetProperty("code", out var c) && c.GetString() is { Length: > 0 } s ? s : null;
                    detail = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                }
                else if (root.TryGetProperty("ExceptionMessage", out var inner) || root.TryGetProperty("Message", out inner)
                         || root.TryGetProperty("title", out inner))
                {
                    detail = inner.GetString();
                }
            }
            catch (JsonException)
            {
            }
        }
        // Endpoint routing answers 405 for any path it cannot place when some GET route is near; a path the model does not know is 404.
        if (status == 405 && !PathExists(http))
        {
            status = 404;
            http.Response.StatusCode = 404;
        }
        var (da, en, fallbackCode) = status switch
        {
            404 => ("Adressen findes ikke i tjenesten.", "The resource path does not exist in this service.", "NotFound"),
            405 => ("Metoden er ikke tilladt her.", "The method is not allowed here.", "MethodNotAllowed"),
            406 => ("Tjenesten svarer kun med application/json.", "The service answers with application/json only.", "NotAcceptable"),
            415 => ("Indholdet skal være application/json.", "The body must be application/json.", "UnsupportedMediaType"),
            _ => ("Forespørgslen er ugyldig.", "The request is invalid.", "InvalidRequest"),
        };
        if (!string.IsNullOrWhiteSpace(detail) && status != 404)
        {
            da = $"{da.TrimEnd('.')}: {detail}";
            en = $"{en.TrimEnd('.')}: {detail}";
        }
        return new ODataProblem(status, code is null || code.Length > 40 || code.Contains(' ') ? fallbackCode : code, da, en);
    }
}
