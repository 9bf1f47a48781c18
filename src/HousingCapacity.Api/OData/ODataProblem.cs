using System.Text.Json;

namespace HousingCapacity.Api.OData;

/// <summary>
/// A refusal as the API writes it: an OData JSON error (<c>{"error":{"code","message","target","details":[…]}}</c>) with its HTTP
/// status. The message carries Danish first and English after it, because both municipal staff and integrators read it. The
/// features return a transport-neutral <see cref="Domain.Refusal"/>; this is the one place that knows its status
/// (<see cref="From"/>). The transport's own refusals (a malformed query, an unknown path) are made here directly.
/// </summary>
public sealed class ODataProblem(int status, Refusal refusal) : Exception(refusal.MessageEn)
{
    public ODataProblem(int status, string code, string messageDa, string messageEn, string? target = null,
        IReadOnlyList<Refusal>? details = null)
        : this(status, new Refusal(KindOf(status), code, messageDa, messageEn, target) { Details = details ?? [] })
    {
    }

    public int Status { get; } = status;
    public Refusal Refusal { get; } = refusal;
    public string Code => Refusal.Code;
    public string MessageDa => Refusal.TextDa;
    public string MessageEn => Refusal.TextEn;
    public string? Target => Refusal.Target;
    public IReadOnlyList<Refusal> Details => Refusal.Details;
    /// <summary>When to try again (a 429 or 503): the Retry-After header.</summary>
    public TimeSpan? RetryAfter { get; init; } = refusal.RetryAfter;

    /// <summary>
    /// A feature's refusal as the API answers it. A broken rule that lists no details is its own one detail, so that a client reads
    /// every broken rule in <c>details</c>, however many there are.
    /// </summary>
    public static ODataProblem From(Refusal refusal) => new(Host.HttpStatus.Of(refusal.Kind),
        refusal is { Kind: RefusalKind.RuleBroken, Details.Count: 0 } ? refusal with { Details = [refusal] } : refusal);

    private static RefusalKind KindOf(int status) =>
        Enum.GetValues<RefusalKind>().Where(k => Host.HttpStatus.Of(k) == status).Select(k => (RefusalKind?)k).FirstOrDefault()
        ?? (status >= 500 ? RefusalKind.Unavailable : RefusalKind.Invalid);

    /// <summary>Sets the Retry-After header (whole seconds, at least one), when the problem has one.</summary>
    public void SetRetryAfter(HttpResponse response) => Host.HttpStatus.SetRetryAfter(response, RetryAfter);

    public static ODataProblem BadRequest(string code, string da, string en, string? target = null) => new(400, code, da, en, target);
    public static ODataProblem NotFound(string da, string en) => new(404, "NotFound", da, en);

    public static ODataProblem LimitExceeded(string limit, long max, string da, string en) =>
        new(400, "QueryLimitExceeded", $"{da} Grænsen {limit} er {max}.", $"{en} The limit {limit} is {max}.", limit);

    public static string Combine(string da, string en) => $"{da} / {en}";

    /// <summary>
    /// Runs the answer of an endpoint outside <c>/odata</c> (reports, exports, imports): a refusal it throws (one found deep
    /// inside, or the endpoint's own reading of its address) is written as its OData error, as the OData endpoints answer.
    /// </summary>
    public static async Task AnswerAsync(HttpContext http, Func<Task> answer)
    {
        try
        {
            await answer();
        }
        catch (ODataProblem problem)
        {
            await problem.WriteAsync(http.Response);
        }
        catch (RefusedException refused)
        {
            await From(refused.Refusal).WriteAsync(http.Response);
        }
    }

    /// <summary>Marks a response whose error is already in the service's format (see ODataResponses).</summary>
    public const string WrittenKey = "HousingCapacity.ODataProblemWritten";

    public async Task WriteAsync(HttpResponse response)
    {
        response.HttpContext.Items[WrittenKey] = true;
        response.StatusCode = Status;
        SetRetryAfter(response);
        response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
        response.Headers["OData-Version"] = "4.0";
        // Danish letters as themselves, not \u escapes: people read these messages.
        await using var json = new Utf8JsonWriter(response.Body,
            new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", Privacy.Scrub(Code));
        json.WriteString("message", Privacy.Scrub(Combine(MessageDa, MessageEn)));
        if (Target is not null) json.WriteString("target", Privacy.Scrub(Target));
        if (Details.Count > 0)
        {
            json.WriteStartArray("details");
            foreach (var d in Details)
            {
                json.WriteStartObject();
                json.WriteString("code", d.Code);
                json.WriteString("message", Privacy.Scrub(Combine(d.TextDa, d.TextEn)));
                if (d.Target is not null) json.WriteString("target", Privacy.Scrub(d.Target));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync();
    }
}
