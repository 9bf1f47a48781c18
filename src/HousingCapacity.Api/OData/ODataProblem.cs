using System.Text.Json;

namespace HousingCapacity.Api.OData;

/// <summary>
/// An expected failure of a request, written as an OData JSON error
/// (<c>{"error":{"code","message","target","details":[…]}}</c>). The message carries Danish first and
/// English after it, because both municipal staff and integrators read it.
/// </summary>
public sealed class ODataProblem(int status, string code, string messageDa, string messageEn, string? target = null,
    IReadOnlyList<ProblemDetail>? details = null) : Exception(messageEn)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string MessageDa { get; } = messageDa;
    public string MessageEn { get; } = messageEn;
    public string? Target { get; } = target;
    public IReadOnlyList<ProblemDetail> Details { get; } = details ?? [];
    /// <summary>When to try again (a 429 or 503): the Retry-After header.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Sets the Retry-After header (whole seconds, at least one), when the problem has one.</summary>
    public void SetRetryAfter(HttpResponse response)
    {
        if (RetryAfter is { } wait)
            response.Headers.RetryAfter =
                Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static ODataProblem BadRequest(string code, string da, string en, string? target = null) => new(400, code, da, en, target);
    public static ODataProblem NotFound(string da, string en) => new(404, "NotFound", da, en);
    public static ODataProblem Forbidden(Security.AccessDeniedException e) => new(403, "Forbidden", e.MessageDa, e.MessageEn);

    public static ODataProblem LimitExceeded(string limit, long max, string da, string en) =>
        new(400, "QueryLimitExceeded", $"{da} Grænsen {limit} er {max}.", $"{en} The limit {limit} is {max}.", limit);

    public static string Combine(string da, string en) => $"{da} / {en}";

    /// <summary>
    /// Runs the answer of an endpoint outside <c>/odata</c> (reports, exports, imports): a refusal it throws is written as its
    /// OData error, as the OData endpoints answer.
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
        catch (Security.AccessDeniedException e)
        {
            await Forbidden(e).WriteAsync(http.Response);
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
                json.WriteString("message", Privacy.Scrub(Combine(d.MessageDa, d.MessageEn)));
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
