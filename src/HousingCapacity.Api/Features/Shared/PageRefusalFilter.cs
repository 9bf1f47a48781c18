using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HousingCapacity.Api.Features.Shared;

/// <summary>
/// A page whose handler is refused by a rule of access (an officer opening the art. 15 export of a person another municipality
/// answers for) answers as the API does, 403, with the Danish error page; not a 500 and a stack trace in the log (issue 23).
/// </summary>
public sealed class PageRefusalFilter(ILogger<PageRefusalFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not AccessDeniedException refused || executed.ExceptionHandled) return;
        // The caller's request, not our fault: no stack trace, below warning.
        logger.LogInformation("A page was refused: {Reason}", refused.MessageEn);
        executed.ExceptionHandled = true;
        executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
    }
}
