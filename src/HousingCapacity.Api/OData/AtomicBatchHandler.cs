using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.OData.Batch;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.OData;

/// <summary>
/// JSON and multipart <c>$batch</c> (the library's handler) with atomic change sets: the requests of one change set run in one
/// write transaction, committed only when every one of them succeeded. The sub-requests share the batch request's services,
/// so they share its database context, caller and access log. Issue 23: each sub-request counts against the caller's rate limits
/// as if it were sent alone (429 for it, and the batch stops there), a batch holds at most <c>OData:MaxBatchRequests</c>
/// requests, absolute URLs of another host name (a client behind a reverse proxy uses the public one) are read as paths of this
/// service, and a batch the library cannot read is a 400, not a 500.
/// </summary>
public sealed partial class AtomicBatchHandler : DefaultODataBatchHandler
{
    public override async Task ProcessBatchAsync(HttpContext context, RequestDelegate nextHandler)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<ODataLimits>>().Value;
        // The reader stops at the limit rather than reading a huge batch first.
        MessageQuotas.MaxPartsPerBatch = limits.MaxBatchRequests;
        MessageQuotas.MaxOperationsPerChangeset = limits.MaxBatchRequests;
        await RelativeUrls.RewriteAsync(context.Request, limits.MaxRequestBodyBytes);
        await base.ProcessBatchAsync(context, nextHandler);
    }

    public override async Task<IList<ODataBatchRequestItem>> ParseBatchRequestsAsync(HttpContext context)
    {
        var max = context.RequestServices.GetRequiredService<IOptions<ODataLimits>>().Value.MaxBatchRequests;
        IList<ODataBatchRequestItem> requests;
        try
        {
            requests = await base.ParseBatchRequestsAsync(context);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("The batch sub-request URI", StringComparison.Ordinal))
        {
            throw ODataProblem.BadRequest("InvalidBatchRequest",
                "En forespørgsel i $batch skal gå til en adresse under /odata (rapporter og /health hentes for sig).",
                "A request in a $batch must address a resource under /odata (reports and /health are fetched on their own).");
        }
        catch (Microsoft.OData.ODataException e) when (e.Message.Contains("too many", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge(max);
        }
        catch (NullReferenceException)
        {
            // The library's JSON batch reader fails so on a reference ($1, dependsOn) or an atomicity group it cannot follow.
            throw ODataProblem.BadRequest("InvalidBatch",
                "$batch kunne ikke læses: en reference ($1), dependsOn eller atomicityGroup peger på en forespørgsel, den ikke kan " +
                "følge (en atomicityGroups forespørgsler skal stå samlet, og en reference skal pege på en tidligere forespørgsel i " +
                "samme gruppe).",
                "The $batch could not be read: a reference ($1), dependsOn or atomicityGroup points at a request it cannot follow (an " +
                "atomicity group's requests must be adjacent, and a reference must point at an earlier request of the same group).");
        }
        if (requests.Sum(r => r is ChangeSetRequestItem c ? c.Contexts.Count() : 1) > max) throw TooLarge(max);
        return requests;
    }

    private static ODataProblem TooLarge(int max) => ODataProblem.BadRequest("BatchTooLarge",
        $"En $batch må højst indeholde {max} forespørgsler. Del den op.", $"A $batch may hold at most {max} requests. Split it up.");

    public override async Task<IList<ODataBatchResponseItem>> ExecuteRequestMessagesAsync(IEnumerable<ODataBatchRequestItem> requests,
        RequestDelegate handler)
    {
        var responses = new List<ODataBatchResponseItem>();
        foreach (var request in requests)
        {
            ODataBatchResponseItem response;
            if (request is ChangeSetRequestItem changeSet && changeSet.Contexts.FirstOrDefault() is { } first)
            {
                var contexts = changeSet.Contexts.ToList();
                if (await RefusedByRateLimitAsync(contexts)) response = new ChangeSetResponseItem(contexts);
                else
                {
                    var db = first.RequestServices.GetRequiredService<HousingDbContext>();
                    await using var transaction = await db.BeginWriteAsync(first.RequestAborted);
                    response = await changeSet.SendRequestAsync(handler);
                    if (Succeeded(response)) await transaction.CommitAsync(first.RequestAborted);
                    else
                    {
                        await transaction.RollbackAsync(first.RequestAborted);
                        db.ChangeTracker.Clear();
                    }
                }
            }
            else if (request is OperationRequestItem operation && await RefusedByRateLimitAsync([operation.Context]))
                response = new OperationResponseItem(operation.Context);
            else
                response = await request.SendRequestAsync(handler);
            responses.Add(response);
            // Without odata.continue-on-error, a batch stops at its first failure (OData 4.01 §11.7.7.2).
            if (!Succeeded(response)) break;
        }
        return responses;
    }

    /// <summary>
    /// Each request of a batch takes its permit from the caller's limits as if sent alone (AbuseLimits); when any of a change set's
    /// requests finds none left, none of them runs and each answers 429.
    /// </summary>
    private static async Task<bool> RefusedByRateLimitAsync(IReadOnlyList<HttpContext> contexts)
    {
        var limiter = contexts[0].RequestServices.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter;
        if (limiter is null) return false;
        var leases = contexts.Select(c => limiter.AttemptAcquire(c)).ToList();
        try
        {
            var refused = leases.FirstOrDefault(l => !l.IsAcquired);
            if (refused is null) return false;
            var retryAfter = refused.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
            foreach (var context in contexts)
                await AbuseLimits.TooManyRequests(retryAfter).WriteAsync(context.Response);
            return true;
        }
        finally
        {
            foreach (var lease in leases) lease.Dispose();
        }
    }

    private static bool Succeeded(ODataBatchResponseItem item) => item switch
    {
        ChangeSetResponseItem c => c.Contexts.All(x => x.Response.StatusCode < 400),
        OperationResponseItem o => o.Context.Response.StatusCode < 400,
        _ => true,
    };

    /// <summary>
    /// A sub-request's absolute URL of any scheme and host whose path lies under the service is read as that path: the library
    /// refuses an authority other than the batch request's own, which a client behind a reverse proxy (or one configured with the
    /// public host name) always sends.
    /// </summary>
    private static partial class RelativeUrls
    {
        [GeneratedRegex(@"^(?<method>GET|POST|PUT|PATCH|DELETE|MERGE) https?://[^/\s]+(?<path>/\S*)", RegexOptions.Multiline)]
        private static partial Regex MultipartRequestLine();

        public static async Task RewriteAsync(HttpRequest request, long limit)
        {
            var json = request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
            var multipart = request.ContentType?.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) == true;
            if (!json && !multipart) return;
            var bytes = await BodyReader.ReadBytesAsync(request, limit);
            try
            {
                BodyReader.EnsureUtf8(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw ODataProblem.BadRequest("InvalidBody", "Indholdet er ikke gyldig UTF-8.", "The body is not valid UTF-8.");
            }
            var root = request.PathBase.Add("/odata").Value!;
            var rewritten = json ? RewriteJson(bytes, root) : RewriteMultipart(bytes, root);
            request.Body = new MemoryStream(rewritten ?? bytes);
            request.ContentLength = (rewritten ?? bytes).Length;
        }

        private static byte[]? RewriteJson(byte[] body, string root)
        {
            JsonNode? document;
            try
            {
                document = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException)
            {
                return null; // the library answers the malformed body
            }
            if (document?["requests"] is not JsonArray requests) return null;
            var changed = false;
            foreach (var item in requests)
                if (item?["url"] is JsonValue url && url.TryGetValue<string>(out var text) && OwnPath(text, root) is { } path)
                {
                    item["url"] = path;
                    changed = true;
                }
            return changed ? Encoding.UTF8.GetBytes(document.ToJsonString()) : null;
        }

        private static byte[]? RewriteMultipart(byte[] body, string root)
        {
            var text = Encoding.UTF8.GetString(body);
            var rewritten = MultipartRequestLine().Replace(text, m => m.Groups["path"].Value.StartsWith(root + "/",
                StringComparison.Ordinal)
                ? $"{m.Groups["method"].Value} {m.Groups["path"].Value}"
                : m.Value);
            return text == rewritten ? null : Encoding.UTF8.GetBytes(rewritten);
        }

        /// <summary>The path and query of an absolute URL under the service root, whatever its host; null otherwise.</summary>
        private static string? OwnPath(string url, string root) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                && uri.AbsolutePath.StartsWith(root + "/", StringComparison.Ordinal)
                ? uri.PathAndQuery
                : null;
    }
}
