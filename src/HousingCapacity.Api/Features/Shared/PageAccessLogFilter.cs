using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HousingCapacity.Api.Features.Shared;

/// <summary>
/// The access log of the pages, as the API keeps it: a page that shows person data has its line written (with the page's title
/// as the purpose) after its handler has loaded the data and before any of it is rendered; if the line cannot be written, the
/// page is not shown (503).
/// </summary>
public sealed class PageAccessLogFilter(PersonsInResponse persons, HousingDbContext db, CallerScope scope, IClock clock,
    ILogger<PageAccessLogFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance is HousingPage page) scope.Purpose = "Side: " + page.Purpose;
        var executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled || !persons.Any) return;
        if (executed.Result is RedirectResult or RedirectToPageResult or LocalRedirectResult) return;
        try
        {
            await AccessLog.RecordReadAsync(db, scope, persons, clock, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or TimeoutException)
        {
            logger.LogError("The access log could not be written for a page: {Error}", e.GetType().Name);
            executed.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status503ServiceUnavailable,
                ContentType = "text/plain; charset=utf-8",
                Content = "Siden indeholder persondata, og adgangsloggen kunne ikke skrives lige nu. Prøv igen.",
            };
        }
    }
}
