using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.Features.Holds;
using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Availability;

/// <summary>
/// "Find a place tonight" for one person: the places where every rule passes (<c>Persons({id})/EligiblePlaces</c>), with a bed to
/// hold (POST /odata/BedHolds) or to allocate (POST /odata/Placements). When another officer took the last bed a moment before,
/// the page says so and shows tonight's other places; a second click on the same allocation does not allocate twice.
/// </summary>
public sealed class FindPlaceModel(EligiblePlacesFunction eligiblePlaces, PlacementAllocation allocation, BedHoldWriter holds,
    Microsoft.Extensions.Options.IOptions<PlacementPolicy> policy) : OfficerPage
{
    public override string Title => "Find en plads i nat";

    public Person Person { get; private set; } = null!;
    public List<FacilityAvailability> Places { get; private set; } = [];
    public string? TakenMessage { get; private set; }
    /// <summary>Where the person already sleeps tonight, if anywhere: then the page says so instead of "no places".</summary>
    public string? StaysTonightAt { get; private set; }
    /// <summary>What the officer should know before choosing (issue 27.6): the person's § 110 counting year at a warning or past
    /// its threshold, and a young person whom the municipality's youth rule keeps from § 110 places without an exception.</summary>
    public List<string> Warnings { get; private set; } = [];

    /// <summary>The names of the places' municipalities: another municipality's place is named with its municipality.</summary>
    public Dictionary<int, string> MunicipalityNames { get; private set; } = [];

    /// <summary>
    /// The kinds of place one can sleep in tonight. Housing First homes, skæve boliger, youth housing and § 107 places are not
    /// found here: they go through waitlists and visitation (Serviceloven §§ 107, 85 a; the municipality's allocation).
    /// </summary>
    public static readonly IReadOnlySet<FacilityKind> TonightKinds =
        new HashSet<FacilityKind> { FacilityKind.Section110Shelter, FacilityKind.EmergencyBeds, FacilityKind.AkutBolig };

    [BindProperty] public int? FacilityId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAllocateAsync(int id)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        if (FacilityId is not { } facilityId) return await ReloadWith("Vælg et tilbud.");
        var placement = await WriteAsync(async () => (await allocation.AllocateAsync(Db, new AllocationRequest(id, null, facilityId,
            Tonight, null, SupportMethod.None, null, ReferralRoute.Municipality), WriteContext)).Then(p =>
        {
            Db.Add(p);
            return p;
        }));
        var name = await Db.Facilities.Where(f => f.Id == facilityId).Select(f => f.Name).SingleOrDefaultAsync() ?? "tilbuddet";
        if (placement is not null || await AlreadyPlacedHereTonightAsync(id, facilityId))
        {
            // A double click: the first click placed the person, the second is answered with the same result.
            ModelState.Clear();
            Done = $"Personen har fået plads på {name} fra i nat.";
            if (placement is not null && await SecureTransitionAsync(id, new(PlacementId: placement.Id)))
                Done += " Overgangen i nat er markeret som sikret.";
            return Redirect($"/sagsbehandler/person/{id}");
        }
        if (Refusal?.Code is "FacilityFull" or "UnitDoubleBooked")
        {
            // The bed was free when the page was shown: someone else took it in between. Said once, plainly, with the alternatives.
            ModelState.Clear();
            TakenMessage = $"Den sidste ledige seng på {name} blev taget af en anden lige før dig. Her er nattens andre muligheder.";
        }
        await LoadPlacesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostHoldAsync(int id)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        if (FacilityId is not { } facilityId) return await ReloadWith("Vælg et tilbud.");
        var hold = await WriteAsync(async () =>
            (await CreateAsync(holds, new Holds.NewBedHold(FacilityId: facilityId, PersonId: id))).Then(made => (BedHold)made));
        if (hold is not null)
        {
            var name = await Db.Facilities.Where(f => f.Id == facilityId).Select(f => f.Name).SingleAsync();
            Done = $"En seng på {name} er reserveret til personen til kl. {hold.ExpiresAt.ToInstant().InZone(DanishTime.Zone):HH:mm}.";
            if (await SecureTransitionAsync(id, new(BedHoldId: hold.Id))) Done += " Overgangen i nat er markeret som sikret.";
            return Redirect($"/sagsbehandler/person/{id}/find-plads");
        }
        await LoadPlacesAsync();
        return Page();
    }

    /// <summary>A transition of the person's for tonight is secured by what was just made (issue 28: one step from the worklist).</summary>
    private async Task<bool> SecureTransitionAsync(int personId, Transitions.SecureTransitionCommand command) =>
        await Db.WriteAsync(async () => await Transitions.TransitionActions.SecureForNightAsync(Db, personId, Tonight, command, Today,
            HttpContext.RequestAborted), HttpContext.RequestAborted) is not null;

    private async Task<IActionResult> ReloadWith(string message)
    {
        Invalid("", message);
        await LoadPlacesAsync();
        return Page();
    }

    private Task<bool> AlreadyPlacedHereTonightAsync(int personId, int facilityId)
    {
        var tonight = Tonight.ToDateOnly();
        return Db.Placements.AnyAsync(p => p.PersonId == personId && p.FacilityId == facilityId && p.StartDate == tonight
            && (p.EndDate == null || p.EndDate > tonight));
    }

    private async Task<bool> LoadPersonAsync(int id)
    {
        var person = await Db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (person is null) return false;
        Person = person;
        Shows(id);
        return true;
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (!await LoadPersonAsync(id)) return false;
        await LoadPlacesAsync();
        return true;
    }

    /// <summary>Tonight's places for the person: the caller's own municipality's first, then the others', by municipality and name.
    /// </summary>
    private async Task LoadPlacesAsync()
    {
        var (own, ct, tonight) = (Caller.MunicipalityId, HttpContext.RequestAborted, Tonight.ToDateOnly());
        MunicipalityNames = await Db.Municipalities.ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        Places = (await eligiblePlaces.InvokeAsync(Db, Person, Tonight, WriteContext)).Where(p => TonightKinds.Contains(p.Kind))
            .OrderBy(p => p.MunicipalityId == own ? 0 : 1).ThenBy(p => MunicipalityNames.GetValueOrDefault(p.MunicipalityId))
            .ThenBy(p => p.FacilityName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), false)).ToList();
        await LoadWarningsAsync();
        StaysTonightAt = await Db.Unscoped<Placement>().Where(p => p.PersonId == Person.Id && p.StartDate <= tonight
                && (p.EndDate == null || p.EndDate > tonight)).Select(p => p.Facility!.Name).FirstOrDefaultAsync(ct);
    }

    private async Task LoadWarningsAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rules = policy.Value;
        var year = await Persons.CountingYearView.InvokeAsync(Db, Person, Today, rules.CountingYearRules(), ct);
        Warnings = [];
        if (year.Status == "PastThreshold")
            Warnings.Add($"Personen er over tærsklen i § 110-optællingsåret: {year.Section110Nights} af {year.Threshold} nætter " +
                $"(passeret {Words.Date(year.ThresholdPassedOn!.Value)}).");
        else if (year.Status == "Warning")
            Warnings.Add($"Personen nærmer sig tærsklen i § 110-optællingsåret: {year.Section110Nights} af {year.Threshold} nætter " +
                $"brugt, {Words.Count(year.NightsLeft, "nat", "nætter")} tilbage.");
        var age = Person.Age(Today).Years;
        // The officer's municipality's rule: its own places come first, and another's place is its own to decide.
        if (Caller.MunicipalityId is { } own && await YouthPolicies.YouthRules.AtAsync(Db, own, Today, rules, ct) is
                { Applies: true } youth && youth.InBand(age))
            Warnings.Add($"Personen er {age} år: efter {youth.CitationDa} anbringes unge på {youth.MinAge}–{youth.MaxAge} år som " +
                "udgangspunkt ikke i § 110-tilbud. Et § 110-tilbud vises derfor ikke her; en undtagelse kræver en skriftlig " +
                "begrundelse ved indskrivningen.");
    }
}
