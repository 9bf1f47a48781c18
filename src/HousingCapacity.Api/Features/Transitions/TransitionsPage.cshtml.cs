using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Transitions;

/// <summary>
/// The officers' worklist of transitions (as <c>Transitions/HousingCapacity.Worklist</c>): the open ones by date, those within the
/// warning days first, each with what can secure the person's place for that night (their stays, the beds held and the offers that
/// cover it) to mark it secured in one step (<c>/Secure</c>), the way to find a place or a waitlist, and the person's no
/// (<c>/Decline</c>).
/// </summary>
public sealed class TransitionsPageModel(IOptions<TransitionOptions> options) : OfficerPage
{
    public override string Title => "Overgange";

    public int WarnDays => options.Value.WarnDays;
    public List<Row> Soon { get; private set; } = [];
    public List<Row> Later { get; private set; } = [];

    /// <param name="Options">What can secure the place: a value ("placement-12", "hold-3", "offer-7") and its text.</param>
    public sealed record Row(Transition Transition, Person Person, IReadOnlyList<(string Value, string Text)> Options);

    [BindProperty] public int? TransitionId { get; set; }
    [BindProperty] public string? SecuredBy { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSecureAsync()
    {
        var key = $"transition-{TransitionId}";
        var command = SecuredBy?.Split('-') switch
        {
            ["placement", var id] when int.TryParse(id, out var p) => new SecureTransitionCommand(PlacementId: p),
            ["hold", var id] when int.TryParse(id, out var h) => new SecureTransitionCommand(BedHoldId: h),
            ["offer", var id] when int.TryParse(id, out var o) => new SecureTransitionCommand(OfferId: o),
            _ => null,
        };
        if (command is null) Invalid(key, "Vælg hvad der sikrer pladsen.");
        else if (await WriteAsync(async () => await (await FindAsync()).ThenAsync(t =>
                     TransitionActions.SecureAsync(Db, t, command, Today, HttpContext.RequestAborted)), Everything(key)) is { } t)
        {
            Done = "Pladsen er sikret, og overgangen er taget af listen.";
            return Redirect("/sagsbehandler/overgange");
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeclineAsync()
    {
        var key = $"transition-{TransitionId}";
        if (string.IsNullOrWhiteSpace(Reason)) Invalid(key, "Skriv hvad personen sagde, da de afslog.");
        else if (await WriteAsync(async () => await (await FindAsync()).ThenAsync(t =>
                 {
                     t.Decline(Reason, Today);
                     return Task.FromResult<Outcome<Transition>>(t);
                 }), Everything(key)) is not null)
        {
            Done = "Afslaget er registreret, og overgangen er taget af listen.";
            return Redirect("/sagsbehandler/overgange");
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Every refusal of a transition's action is shown at that transition.</summary>
    private static Dictionary<string, string> Everything(string key) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["placementId"] = key, ["bedHoldId"] = key, ["offerId"] = key, ["reason"] = key, ["Status"] = key, ["PlacementId"] = key,
    };

    private async Task<Outcome<Transition>> FindAsync() =>
        await Db.Transitions.SingleOrDefaultAsync(t => t.Id == TransitionId, HttpContext.RequestAborted) is { } t ? t
            : Refusal.NotFound("Overgangen findes ikke.", "The transition does not exist.");

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var open = await (await TransitionActions.WorklistAsync(Db, Today, ct)).AsNoTracking().ToListAsync(ct);
        var personIds = open.Select(t => t.PersonId).Distinct().ToList();
        var persons = await Db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        Shows(persons.Keys);
        // What may secure each night: the persons' stays, holds and standing offers, read once for the whole list.
        var stays = await Db.Placements.AsNoTracking().Include(p => p.Facility).Where(p => personIds.Contains(p.PersonId)
            && (p.EndDate == null || p.EndDate > Today.ToDateOnly())).ToListAsync(ct);
        var holds = await Db.BedHolds.AsNoTracking().Include(h => h.Facility).Where(h => h.PersonId != null
            && personIds.Contains(h.PersonId.Value) && h.ReleasedAt == null).ToListAsync(ct);
        var offers = await Db.Offers.AsNoTracking().Include(o => o.Entry).ThenInclude(e => e!.Waitlist).Include(o => o.Unit)
            .Where(o => personIds.Contains(o.Entry!.PersonId) && (o.Status == OfferStatus.Pending || o.Status == OfferStatus.Accepted))
            .ToListAsync(ct);
        var rows = open.Where(t => persons.ContainsKey(t.PersonId)).Select(t =>
        {
            var night = t.LosesRoofOn;
            var options = stays.Where(s => s.PersonId == t.PersonId && s.StartDate <= night && (s.EndDate == null || s.EndDate > night))
                .Select(s => ($"placement-{s.Id}", $"Ophold på {s.Facility!.Name} fra {Words.Date(s.StartDate)}"))
                .Concat(holds.Where(h => h.PersonId == t.PersonId && h.Night == night)
                    .Select(h => ($"hold-{h.Id}", $"Seng reserveret på {h.Facility!.Name}")))
                .Concat(offers.Where(o => o.Entry!.PersonId == t.PersonId)
                    .Select(o => ($"offer-{o.Id}", $"Tilbud om {o.Unit?.Label} ({o.Entry!.Waitlist!.Name}), {Words.Of(o.Status)}")))
                .ToList();
            return new Row(t, persons[t.PersonId], options);
        }).ToList();
        var soon = Today.PlusDays(WarnDays).ToDateOnly();
        Soon = rows.Where(r => r.Transition.LosesRoofOn <= soon).ToList();
        Later = rows.Where(r => r.Transition.LosesRoofOn > soon).ToList();
    }
}
