using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.ExtraCapacity;

/// <summary>Extra beds opened for a period, as when the cold comes (issue 28).</summary>
public sealed class ExtraBedsController(ExtraBedsWriter writer, IOptions<PlacementPolicy> policy) : EntitySetController<ExtraBeds>(writer)
{
    /// <summary><c>ExtraBeds({id})/HousingCapacity.Close</c> with <c>{"lastNight": …}</c>: the beds close after that night (by default
    /// from tonight), when nobody has one of them on a night from then on.</summary>
    [HttpPost]
    public Task<IActionResult> Close(int key, [FromActionBody] CloseExtraBedsCommand command) =>
        ActAsync(key, b => ExtraBedsActions.CloseAsync(Db, b, command.LastNight?.ToLocalDate(),
            DanishTime.Night(Clock, policy.Value.NightEndsAtHour), WriteContext));
}
