using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;

namespace HousingCapacity.Api.Features.Waitlists;

public sealed class WaitlistsController(WaitlistWriter writer, OfferNextAction offerNext) : EntitySetController<Waitlist>(writer)
{
    /// <summary><c>Waitlists({id})/HousingCapacity.OfferNext</c> with <c>{"unitId": …}</c>: offers the unit to the first eligible waiting
    /// person.</summary>
    [HttpPost]
    public Task<IActionResult> OfferNext(int key, [FromActionBody] OfferNextCommand command) =>
        ActAsync(key, async waitlist => await offerNext.InvokeAsync(Db, waitlist, command.UnitId, WriteContext));
}
