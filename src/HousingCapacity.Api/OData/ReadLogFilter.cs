using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Extensions;

namespace HousingCapacity.Api.OData;

/// <summary>
/// An answer with person data is logged before its first byte is written, and then streams: the records of the page (already
/// read by the library's paging, or read here) are walked for the persons they show (<see cref="PersonsInAnswer"/>), the access
/// log line is written, and only then does the serializer run. If the line cannot be written, nothing goes out (503).
/// </summary>
public sealed class ReadLogFilter(ILogger<ReadLogFilter> logger) : IAsyncResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || http.ODataFeature().Path is null)
        {
            await next();
            return;
        }
        var persons = http.RequestServices.GetRequiredService<PersonsInResponse>();
        if (context.Result is ObjectResult { Value: { } value, StatusCode: null or < 300 } answer)
            answer.Value = PersonsInAnswer.Note(value, http.Request.GetModel(), persons);
        if (!await TryRecordAsync(http, persons))
            context.Result = new ODataProblemResult(new ODataProblem(503, "AccessLogUnavailable",
                "Svaret indeholder persondata, og adgangsloggen kunne ikke skrives lige nu. Prøv igen.",
                "The answer holds personal data and the access log could not be written just now. Try again.")
            {
                RetryAfter = TimeSpan.FromSeconds(5),
            });
        await next();
    }

    private async Task<bool> TryRecordAsync(HttpContext http, PersonsInResponse persons)
    {
        try
        {
            var db = http.RequestServices.GetRequiredService<HousingDbContext>();
            await AccessLog.RecordReadAsync(db, db.Scope, persons, http.RequestServices.GetRequiredService<IClock>(), http.RequestAborted);
            return true;
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError("The access log could not be written for {Method} {Path}: {Message}", http.Request.Method,
                Privacy.Scrub(http.Request.Path.Value ?? ""), Privacy.Scrub(e.Message));
            return false;
        }
    }
}
