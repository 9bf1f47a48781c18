using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>
/// The municipality's waitlists in order (urgent first, with the reason, then by application date), each entry saying why it stands
/// where it does: offer a vacant unit to the next in line (<c>Waitlists({id})/OfferNext</c>), and record the person's answer to a
/// pending offer (<c>Offers({id})/Accept</c>, <c>/Decline</c>) after a confirmation that names the person and the unit.
/// </summary>
public sealed class WaitlistsPageModel(OfferNextAction offerNext, AcceptOfferAction accept) : OfficerPage
{
    public override string Title => "Ventelister";

    [BindProperty(SupportsGet = true, Name = "liste")] public int? WaitlistId { get; set; }
    [BindProperty] public int? UnitId { get; set; }
    [BindProperty] public int? OfferId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public SupportMethod? SupportMethod { get; set; }
    /// <summary>The officer has seen whose offer and which unit the answer is recorded for.</summary>
    [BindProperty] public bool Confirmed { get; set; }
    /// <summary>The answer waiting for the officer's confirmation: the offer and "Accept" or "Decline".</summary>
    public (Offer Offer, WaitlistEntry Entry, bool Accept)? ToConfirm { get; private set; }

    public List<Waitlist> Lists { get; private set; } = [];
    public Waitlist? Current { get; private set; }
    public List<WaitlistEntry> Entries { get; private set; } = [];
    public List<SelectListItem> VacantUnits { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostOfferAsync()
    {
        await LoadAsync();
        if (Current is null) return NotFound();
        if (UnitId is null) Invalid(nameof(UnitId), "Vælg den ledige enhed, der skal tilbydes.");
        else if (await WriteAsync(() => offerNext.InvokeAsync(Db, Current, UnitId.Value, WriteContext),
            new Dictionary<string, string> { ["unitId"] = nameof(UnitId) }) is { } offer)
        {
            // The entry was waiting when the list was read, before the offer: its person is there already.
            var entry = Entries.Single(e => e.Id == offer.WaitlistEntryId);
            var unit = VacantUnits.FirstOrDefault(u => u.Value == UnitId.ToString())?.Text;
            return Saved($"{unit} er tilbudt {PersonText.Name(entry.Person!)} med svarfrist {Words.Date(offer.RespondBy)}.");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        await LoadAsync();
        if (Current is null || OfferId is null) return NotFound();
        if (!Confirmed) return Confirm(accept: true);
        if (await WriteAsync(async () => await (await OfferAsync()).ThenAsync(offer =>
                accept.InvokeAsync(Db, offer, SupportMethod, null, WriteContext)),
            new Dictionary<string, string> { ["SupportMethod"] = $"offer-{OfferId}", ["PersonId"] = $"offer-{OfferId}",
                ["UnitId"] = $"offer-{OfferId}" }) is not null)
            return Saved($"{Answering()} har sagt ja og er anbragt.");
        return Page();
    }

    public async Task<IActionResult> OnPostDeclineAsync()
    {
        await LoadAsync();
        if (Current is null || OfferId is null) return NotFound();
        if (string.IsNullOrWhiteSpace(Reason)) Invalid($"offer-{OfferId}", "Skriv hvorfor tilbuddet blev afslået.");
        else if (!Confirmed) return Confirm(accept: false);
        else if (await WriteAsync(async () => await (await OfferAsync()).ThenAsync(async offer =>
                     (Outcome<Offer>)await DeclineOfferAction.InvokeAsync(Db, offer, Reason, WriteContext)),
            new Dictionary<string, string> { ["reason"] = $"offer-{OfferId}" }) is not null)
            return Saved($"{Answering()} har sagt nej; personen beholder sin plads på listen.");
        return Page();
    }

    /// <summary>Asks the officer to confirm whose answer is recorded, for which unit, before it is.</summary>
    private IActionResult Confirm(bool accept)
    {
        var entry = Entries.FirstOrDefault(e => e.Offers.Any(o => o.Id == OfferId && o.Status == OfferStatus.Pending));
        if (entry is null) return NotFound();
        ToConfirm = (entry.Offers.Single(o => o.Id == OfferId), entry, accept);
        return Page();
    }

    /// <summary>"Henrik Petersen (Værelse 3)": whose answer was recorded, read before the write.</summary>
    private string Answering()
    {
        var entry = Entries.FirstOrDefault(e => e.Offers.Any(o => o.Id == OfferId));
        var offer = entry?.Offers.First(o => o.Id == OfferId);
        return entry is null ? "Personen" : $"{PersonText.Name(entry.Person!)} ({offer!.Unit?.Label})";
    }

    private IActionResult Saved(string message)
    {
        Done = message;
        return Redirect($"/sagsbehandler/ventelister?liste={Current!.Id}");
    }

    private async Task<Outcome<Offer>> OfferAsync() =>
        await Db.Offers.SingleOrDefaultAsync(o => o.Id == OfferId && o.Entry!.WaitlistId == Current!.Id) is { } offer ? offer
            : Refusal.NotFound("Tilbuddet findes ikke på denne liste.", "The offer is not on this list.");

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Lists = await Db.Waitlists.AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct);
        Current = Lists.FirstOrDefault(w => w.Id == WaitlistId) ?? Lists.FirstOrDefault();
        if (Current is null) return;
        WaitlistId = Current.Id;
        var entries = await Db.WaitlistEntries.AsNoTracking().Include(e => e.Person).Include(e => e.Offers).ThenInclude(o => o.Unit)
            .Where(e => e.WaitlistId == Current.Id && (e.Status == WaitlistEntryStatus.Waiting || e.Status == WaitlistEntryStatus.Offered))
            .ToListAsync(ct);
        Entries = OfferWorkflow.InOrder(entries).ToList();
        Shows(Entries.Select(e => e.PersonId));
        var kind = OfferWorkflow.FacilityKindOf(Current.Kind);
        var today = Today.ToDateOnly();
        VacantUnits = await Db.Units.AsNoTracking().Where(u => u.Facility!.Kind == kind
            && u.Facility.MunicipalityId == Caller.MunicipalityId
                && u.Status == UnitStatus.InService && u.OpenFrom == null // extra beds are for the night, never offered
                && !Db.Offers.Any(o => o.UnitId == u.Id && o.Status == OfferStatus.Pending)
                && Db.Placements.Count(p => p.UnitId == u.Id && (p.EndDate == null || p.EndDate > today)) < u.Beds)
            .OrderBy(u => u.Facility!.Name).ThenBy(u => u.Id)
            .Select(u => new SelectListItem(u.Facility!.Name + ", " + u.Label, u.Id.ToString())).ToListAsync(ct);
    }
}
