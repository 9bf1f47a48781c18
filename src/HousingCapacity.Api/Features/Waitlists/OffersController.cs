using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>Offers are made by OfferNext and answered by Accept or Decline; they cannot be written directly.</summary>
public sealed class OffersController(AcceptOfferAction accept) : EntitySetController<Offer>
{
    /// <summary>The placement is made through the same rules; the entry becomes Housed.</summary>
    [HttpPost]
    public Task<IActionResult> Accept(int key, [FromActionBody] AcceptOfferCommand command) =>
        ActAsync(key, async offer =>
            await accept.InvokeAsync(Db, offer, command.SupportMethod, command.StartDate?.ToLocalDate(), WriteContext));

    /// <summary>The entry returns to Waiting with its place kept.</summary>
    [HttpPost]
    public Task<IActionResult> Decline(int key, [FromActionBody] DeclineOfferCommand command) =>
        ActAsync(key, async offer => (Entity)await DeclineOfferAction.InvokeAsync(Db, offer, command.Reason,
            WriteContext));
}
