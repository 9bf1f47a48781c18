using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Holds;

/// <summary>
/// The beds held tonight that an officer can see: their own first, each with whom it is for and when it lapses by itself, and a
/// release that frees the bed at once (as <c>DELETE /odata/BedHolds({id})</c>), so that a bed held for someone who found another
/// place is not kept from others until the hold runs out.
/// </summary>
public sealed class HoldsPageModel : OfficerPage
{
    public override string Title => "Reservationer";

    public sealed record Row(BedHold Hold, string? PersonName);

    public List<Row> Mine { get; private set; } = [];
    public List<Row> Others { get; private set; } = [];

    [BindProperty] public int? HoldId { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostReleaseAsync()
    {
        if (HoldId is not { } id) return await ReloadAsync();
        var released = await WriteAsync(async Task<Outcome<BedHold>> () =>
        {
            if (await Db.BedHolds.Include(h => h.Unit).SingleOrDefaultAsync(h => h.Id == id, HttpContext.RequestAborted) is not { } hold)
                return Refusal.NotFound("Reservationen findes ikke længere; den kan være udløbet eller brugt.",
                    "The hold no longer exists; it may have lapsed or been used.");
            Db.Remove(hold);
            return hold;
        });
        if (released is not null)
        {
            Done = $"Reservationen af {released.Unit!.Label} er ophævet; sengen er ledig igen.";
            return Redirect("/sagsbehandler/reservationer");
        }
        return await ReloadAsync();
    }

    private async Task<IActionResult> ReloadAsync()
    {
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var at = Clock.GetCurrentInstant().ToUtc();
        var holds = await Db.BedHolds.AsNoTracking().Include(h => h.Facility).Include(h => h.Unit)
            .Where(h => h.ReleasedAt == null && h.ExpiresAt > at).OrderBy(h => h.ExpiresAt).ToListAsync(ct);
        var ids = holds.Where(h => h.PersonId is not null).Select(h => h.PersonId!.Value).Distinct().ToList();
        var persons = await Db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        Shows(persons.Keys);
        var rows = holds.Select(h => new Row(h, h.PersonId is { } p && persons.TryGetValue(p, out var person)
            ? PersonText.Name(person) : null)).ToList();
        Mine = rows.Where(r => r.Hold.HeldBy == Caller.Name).ToList();
        Others = rows.Where(r => r.Hold.HeldBy != Caller.Name).ToList();
    }
}
