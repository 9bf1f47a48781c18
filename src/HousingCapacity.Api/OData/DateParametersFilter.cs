using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.OData;

/// <summary>
/// The date parameters of every action and function lie in the window of dates (<see cref="DateWindow"/>): a clear 400 before
/// any rule computes with them (issue 23: <c>LongStays(date=0001-01-01)</c> overflowed into a 500).
/// </summary>
public sealed class DateParametersFilter(IOptions<DateWindow> window, IClock clock) : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        var today = DanishTime.Today(clock);
        foreach (var (name, value) in context.ActionArguments)
            if (value is DateOnly date) window.Value.Ensure(date, today, name);
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
