using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>Offers are made by OfferNext and answered by Accept or Decline; they cannot be written directly.</summary>
public sealed class OffersController(AcceptOfferAction accept) : EntitySetController<Offer>
{
    /// <summary>The placement is made through the same rules; the entry becomes Housed.</summary>
    [HttpPost]
    public Task<IActionResult> Accept(int key, [FromODataBody] SupportMethod? supportMethod, [FromODataBody] DateOnly? startDate) =>
        ActAsync(key, async offer => (Entity)await accept.InvokeAsync(Db, offer, supportMethod, startDate?.ToLocalDate(), WriteContext));

    /// <summary>The entry returns to Waiting with its place kept.</summary>
    [HttpPost]
    public Task<IActionResult> Decline(int key, [FromODataBody] string? reason) =>
        ActAsync(key, async offer => (Entity)await DeclineOfferAction.InvokeAsync(Db, offer, Required(reason, nameof(reason)),
            WriteContext));
}
