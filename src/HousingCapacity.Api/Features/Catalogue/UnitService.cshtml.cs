using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>Staff put a unit in or out of service, as PATCH /odata/Units({id}) with Status (refused while someone stays in it).</summary>
public sealed class UnitServiceModel(UnitWriter units) : StaffPage
{
    public override string Title => "Enheder i og ude af drift";

    public List<Unit> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadFacilityAsync()) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, UnitStatus status)
    {
        if (!await LoadFacilityAsync()) return NotFound();
        var saved = await WriteAsync(async Task<Outcome<Unit>> () =>
        {
            if (await Db.Units.SingleOrDefaultAsync(u => u.Id == unitId && u.FacilityId == Facility.Id) is not { } unit)
                return Refusal.NotFound("Enheden findes ikke her.", "The unit does not exist here.");
            return await units.ChangeAsync(Db, unit, new UnitChange(unit.Label, unit.Beds, status), WriteContext) is { } refusal
                ? refusal : unit;
        }, new Dictionary<string, string> { ["Status"] = $"unit-{unitId}", ["Beds"] = $"unit-{unitId}",
            ["Placements"] = $"unit-{unitId}" });
        if (saved is not null)
        {
            Done = $"{saved.Label} er nu {Words.Status(saved.Status).ToLowerInvariant()}.";
            return Redirect(For("/personale/enheder"));
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        // Extra beds open and close with their period (the page of extra beds), not in and out of service.
        Units = await Db.Units.AsNoTracking().Where(u => u.FacilityId == Facility.Id && u.OpenFrom == null).OrderBy(u => u.Id)
            .ToListAsync(HttpContext.RequestAborted);
}
