using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HousingCapacity.Api.Features.Shared;

/// <summary>
/// A page whose handler is refused outside a write — by a rule of access (an officer opening the art. 15 export of a person another
/// municipality answers for) or a limit (the budget of look-ups by CPR number on the find page) — answers as the API does (403,
/// 429, …) with the Danish error page; not a 500 and a stack trace in the log (issue 23). A refusal of a write is shown on its form
/// instead (<see cref="HousingPage.AttemptAsync{T}"/>).
/// </summary>
public sealed class PageRefusalFilter(ILogger<PageRefusalFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled) return;
        if (executed.Exception is RefusedException { Refusal: { Kind: not RefusalKind.Unavailable } refusal })
        {
            // The caller's request, not our fault: no stack trace, below warning.
            logger.LogInformation("A page was refused: {Code}", refusal.Code);
            executed.ExceptionHandled = true;
            executed.Result = ErrorPage(context.HttpContext, refusal);
        }
    }

    /// <summary>The Danish error page for a refusal: its status, its reason in place of the general one, when to try again.</summary>
    public static IActionResult ErrorPage(HttpContext http, Refusal refusal)
    {
        http.Items[SignIn.ErrorModel.ReasonKey] = refusal.TextDa;
        Host.HttpStatus.SetRetryAfter(http.Response, refusal.RetryAfter);
        return new StatusCodeResult(Host.HttpStatus.Of(refusal.Kind));
    }
}
