using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HousingCapacity.Api.Features.Shared;

/// <summary>
/// A page whose handler is refused by a rule of access (an officer opening the art. 15 export of a person another municipality
/// answers for) or by a limit outside a write answers as the API does (403, 429, …) with the Danish error page; not a 500 and a
/// stack trace in the log (issue 23).
/// </summary>
public sealed class PageRefusalFilter(ILogger<PageRefusalFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled) return;
        switch (executed.Exception)
        {
            case AccessDeniedException refused:
                // The caller's request, not our fault: no stack trace, below warning.
                logger.LogInformation("A page was refused: {Reason}", refused.MessageEn);
                executed.ExceptionHandled = true;
                context.HttpContext.Items[SignIn.ErrorModel.ReasonKey] = refused.MessageDa;
                executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                break;
            // A refusal outside a write (the budget of look-ups by CPR number on the find page, say): its status and Danish page.
            case OData.ODataProblem { Status: >= 400 and < 500 } problem:
                logger.LogInformation("A page was refused: {Code}", problem.Code);
                executed.ExceptionHandled = true;
                context.HttpContext.Items[SignIn.ErrorModel.ReasonKey] = problem.MessageDa;
                problem.SetRetryAfter(context.HttpContext.Response);
                executed.Result = new StatusCodeResult(problem.Status);
                break;
        }
    }
}
