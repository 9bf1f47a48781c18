using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Transitions;

/// <summary>Transitions: known dates of losing a roof, worked by the officers until a place is secured (issue 28).</summary>
public sealed class TransitionsController(TransitionWriter writer, IOptions<TransitionOptions> options)
    : EntitySetController<Transition>(writer)
{
    /// <summary><c>Transitions({id})/HousingCapacity.Secure</c>: the place is secured by a stay, a bed held, or a waitlist offer.</summary>
    [HttpPost]
    public Task<IActionResult> Secure(int key, [FromActionBody] SecureTransitionCommand command) =>
        ActAsync(key, t => TransitionActions.SecureAsync(Db, t, command, DanishTime.Today(Clock), HttpContext.RequestAborted));

    /// <summary><c>Transitions({id})/HousingCapacity.Decline</c>: the person declined the help offered.</summary>
    [HttpPost]
    public Task<IActionResult> Decline(int key, [FromActionBody] DeclineTransitionCommand command) =>
        ActAsync(key, t => t.Decline(command.Reason!, DanishTime.Today(Clock)));

    /// <summary>
    /// <c>Transitions/HousingCapacity.Worklist(days=…)</c>: the open transitions the caller works, by date, the nearest first (those
    /// within <c>days</c>, default <c>Transitions:WarnDays</c>, are the ones to act on now; the page marks them). Those whose date
    /// has passed are marked lapsed first.
    /// </summary>
    [HttpGet, HousingQuery]
    public async Task<IActionResult> Worklist(int? days)
    {
        // The days only mark which transitions to act on now (the page's split); the list is every open one, by date.
        if ((days ?? options.Value.WarnDays) is < 0 or > 365)
            return Answer<Transition>(Refusal.Invalid("InvalidParameter", "Antal dage skal ligge mellem 0 og 365.",
                "days must be from 0 to 365.", "days"), _ => Ok());
        return Ok(await TransitionActions.WorklistAsync(Db, DanishTime.Today(Clock), HttpContext.RequestAborted));
    }
}
