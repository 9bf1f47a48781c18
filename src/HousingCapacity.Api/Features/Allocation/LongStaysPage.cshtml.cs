using HousingCapacity.Api.Features.Shared;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>Persons near or past the §110 threshold in their counting year today, as <c>Placements/LongStays(warnings=true)</c>.</summary>
public sealed class LongStaysPageModel(LongStaysFunction longStays) : OfficerPage
{
    public override string Title => "Lange ophold (§ 110-optællingsår)";

    public List<(LongStay Stay, Person Person, string Facility)> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var stays = await longStays.InvokeAsync(Db, Today, true, WriteContext);
        var ids = stays.Select(s => s.PersonId).ToList();
        var persons = await Db.Unscoped<Person>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var facilityIds = stays.Select(s => s.FacilityId).Distinct().ToList();
        var facilities = await Db.Unscoped<Facility>().Where(f => facilityIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        Rows = stays.OrderByDescending(s => s.Section110Nights)
            .Select(s => (s, persons[s.PersonId], facilities.GetValueOrDefault(s.FacilityId) ?? "")).ToList();
        Shows(ids);
    }
}
