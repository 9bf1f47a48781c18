using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// Placements are history: POST allocates (every placement rule), and afterwards a stay changes only through its actions.
/// The parameters are nullable so that one left out is a 400 naming it rather than a default.
/// </summary>
public sealed class PlacementsController(PlacementAllocation allocation, CheckInAction checkIn, LongStaysFunction longStays)
    : EntitySetController<Placement>(allocation)
{
    /// <summary>Check-out: the end date is the morning the person leaves (the bed is free that night), how the stay ended and where the
    /// person went.</summary>
    [HttpPost]
    public Task<IActionResult> Discharge(int key, [FromODataBody] DateOnly? endDate, [FromODataBody] DischargeReason? dischargeReason,
        [FromODataBody] Destination? destination) =>
        ActAsync(key, p => p.Discharge(Required(endDate, nameof(endDate)).ToLocalDate(), Required(dischargeReason, nameof(dischargeReason)),
            Required(destination, nameof(destination))));

    /// <summary>The responsible municipality was notified of a §110 admission (Serviceloven §110 stk. 6); default today.</summary>
    [HttpPost]
    public Task<IActionResult> MarkNotified(int key, [FromODataBody] DateOnly? notifiedOn) =>
        ActAsync(key, p => p.MarkNotified(notifiedOn?.ToLocalDate() ?? DanishTime.Today(Clock)));

    /// <summary>Renews time-limited support (CTI ends 9 months after the start unless renewed).</summary>
    [HttpPost]
    public Task<IActionResult> RenewSupport(int key, [FromODataBody] DateOnly? until) =>
        ActAsync(key, p => p.RenewSupport(Required(until, nameof(until)).ToLocalDate()));

    /// <summary><c>Placements/HousingCapacity.CheckIn</c>: check-in by CPR number at the door of the caller's own place (the presence
    /// rule).</summary>
    [HttpPost]
    public async Task<IActionResult> CheckIn([FromODataBody] string? cpr, [FromODataBody] int? unitId, [FromODataBody] int? facilityId,
        [FromODataBody] DateOnly? startDate, [FromODataBody] DateOnly? endDate, [FromODataBody] SupportMethod? supportMethod,
        [FromODataBody] string? exceptionJustification, [FromODataBody] ReferralRoute? referralRoute)
    {
        var request = new CheckInRequest(Required(cpr, nameof(cpr)), unitId, facilityId, startDate?.ToLocalDate(), endDate?.ToLocalDate(),
            supportMethod, exceptionJustification, referralRoute);
        return Created(await WriteAsync(() => checkIn.InvokeAsync(Db, request, WriteContext)));
    }

    /// <summary><c>Placements/HousingCapacity.LongStays(date=…)</c>: persons past the §110 threshold.</summary>
    [HttpGet, HousingQuery]
    public async Task<IQueryable<LongStay>> LongStays(DateOnly? date) =>
        (await longStays.InvokeAsync(Db, Required(date, nameof(date)).ToLocalDate(), WriteContext)).AsQueryable();
}
