using HousingCapacity.Api.Features.Persons;
using HousingCapacity.Api.Features.Shared;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Features.YouthPolicies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// Check-in at the door, as <c>Placements/CheckIn</c>: by CPR number (someone new is registered with their name in the same
/// write), or without one (an alias, gender and a birth year or an estimated age). Someone without a CPR number who has stayed
/// here before under the alias typed is offered to pick, so that their history goes on; a new record only when staff say so.
/// The placement rules answer in Danish next to the field they concern; the youth exception's justification has its own field.
/// </summary>
public sealed class CheckInModel(CheckInAction checkIn, PersonWriter persons, CprLookups lookups,
    Microsoft.Extensions.Options.IOptions<PlacementPolicy> policy) : StaffPage
{
    public override string Title => "Tjek ind";

    /// <summary>The check-in, as the API's CheckIn takes it: the form's fields are the command's.</summary>
    [BindProperty] public CheckInCommand Command { get; set; } = new();
    /// <summary>Someone new with a CPR number is registered with the stay: their name and handlekommune.</summary>
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? LastName { get; set; }
    [BindProperty] public int? MunicipalityId { get; set; }

    /// <summary>Set by the button that confirms the person found by the CPR number is the one at the door.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>The person the CPR number found, shown to be confirmed before the check-in is made (a mistyped digit would
    /// otherwise check in someone else without a word).</summary>
    public FoundPerson? Found { get; private set; }

    public sealed record FoundPerson(string Name, int Age, IReadOnlyList<string> Stays);

    /// <summary>People without a CPR number known here under the alias typed (shown when the check-in asks who it is).</summary>
    public List<KnownWithoutCpr> Known { get; private set; } = [];

    public PlacementPolicy Policy => policy.Value;
    /// <summary>The youth policy of the municipality that runs this place, in force tonight.</summary>
    public YouthRuleInForce Youth { get; private set; } = null!;
    public List<SelectListItem> Units { get; private set; } = [];
    public List<SelectListItem> Municipalities { get; private set; } = [];

    /// <summary>After a check-in this place refused (a rule, or no bed): the other places to sleep tonight with a free bed, and the
    /// turnaway that records the refusal in one click (as POST /odata/Turnaways, on the turnaway page).</summary>
    public WayOn? After { get; private set; }

    /// <param name="Others">Other places with a free bed tonight: this municipality's first.</param>
    /// <param name="More">How many more have a free bed than are listed.</param>
    public sealed record WayOn(IReadOnlyList<OtherPlace> Others, int More, TurnawayReason Reason);

    public sealed record OtherPlace(string Name, string Municipality, FacilityKind Kind, int BedsFree, string? For);

    private const int OtherPlacesShown = 8;

    /// <summary>The form's field of a command parameter (its ModelState key).</summary>
    public static string Field(string parameter) => $"{nameof(Command)}.{parameter}";

    // A refusal about the person (already placed, say) is shown at the CPR number; a registration's, at its own fields; one
    // about what the page decides itself (this place, tonight), at the top.
    private static readonly IReadOnlyDictionary<string, string> Fields = FieldsOf<CheckInCommand>(nameof(Command),
        ("PersonId", Field(nameof(CheckInCommand.Cpr))), ("FirstName", nameof(FirstName)), ("LastName", nameof(LastName)),
        ("MunicipalityId", nameof(MunicipalityId)), ("FacilityId", ""), ("StartDate", ""), ("EndDate", ""), ("SupportMethod", ""),
        ("ReferralRoute", ""));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadFacilityAsync()) return NotFound();
        MunicipalityId = Caller.MunicipalityId;
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadFacilityAsync()) return NotFound();
        var cpr = Command.Cpr?.Trim() is { Length: > 0 } c ? c : null;
        var alias = Command.Alias?.Trim() is { Length: > 0 } a ? a : null;
        if (Command.PersonId is not null && cpr is null) alias = null; // the person picked is the one checked in
        if (cpr is null && alias is null && Command.PersonId is null)
            Invalid(Field(nameof(CheckInCommand.Cpr)),
                "Skriv personens CPR-nummer, eller udfyld alias, køn og fødselsår eller anslået alder nedenfor.");
        else if (cpr is not null && !CprNumber.TryParse(cpr, out _))
            Invalid(Field(nameof(CheckInCommand.Cpr)), "CPR-nummeret skal have formen DDMMÅÅ-XXXX og være en gyldig dato.");
        if (ModelState.IsValid && cpr is not null && !Confirmed && FirstName is not { Length: > 0 }
            && await FindAsync(cpr) is { } found)
        {
            Found = found;
            await LoadChoicesAsync();
            return Page();
        }
        if (ModelState.IsValid)
        {
            // What the page offers, and only that: the door is this place, tonight, by CPR number or else without one.
            var withoutCpr = cpr is null;
            var command = new CheckInCommand(cpr, Command.UnitId, Command.UnitId is null ? Facility.Id : null,
                ExceptionJustification: Command.ExceptionJustification, PriorResidence: Command.PriorResidence,
                Alias: withoutCpr ? alias : null, Gender: withoutCpr ? Command.Gender : null,
                BirthYear: withoutCpr ? Command.BirthYear : null, EstimatedAge: withoutCpr ? Command.EstimatedAge : null,
                StayType: Facility.LegalBasis == LegalBasis.Section110 ? Command.StayType : null,
                PersonId: withoutCpr ? Command.PersonId : null, NewPerson: Command.NewPerson);
            // The check-in keeps its own writes, as the API's does (the allocation's two steps).
            var placement = await AttemptAsync(async Task<Outcome<Placement>> () =>
            {
                Person? atTheDoor = null;
                if (cpr is not null && FirstName is { Length: > 0 })
                {
                    // The number looked up once: someone known is checked in as identified; someone new is registered (as POST
                    // /odata/Persons) and saved with the stay, so a refusal leaves no person.
                    atTheDoor = (await lookups.FindAsync(Db, CprNumber.Parse(cpr), CprLookups.Identify, HttpContext.RequestAborted))
                        .SingleOrDefault();
                    if (atTheDoor is null)
                    {
                        var registered = await CreateAsync(persons, new NewPerson(cpr, FirstName, LastName ?? "",
                            MunicipalityId ?? throw EntityValues.Missing("MunicipalityId")));
                        if (registered.Refusal is { } refusal) return refusal;
                        atTheDoor = (Person)registered.Value;
                    }
                }
                return await checkIn.InvokeAsync(Db, command, WriteContext, atTheDoor);
            }, Fields);
            if (placement is not null)
            {
                var unit = await Db.Units.Where(u => u.Id == placement.UnitId).Select(u => u.Label).SingleAsync();
                var name = await Db.Persons.Where(p => p.Id == placement.PersonId).Select(p => new { p.FirstName, p.LastName, p.Alias })
                    .SingleAsync();
                // Through the CPR detector, as PersonText.Name: an alias stored before such texts were refused may hold a number.
                Done = $"{Privacy.Scrub((name.Alias ?? $"{name.FirstName} {name.LastName}").Trim())} er tjekket ind i {unit} fra i nat.";
                return Redirect(For("/personale"));
            }
            if (Refusal?.Code == CheckInAction.KnownWithoutCprAtPlace)
            {
                ModelState.Remove(Field(nameof(CheckInCommand.Alias)));
                ModelState.AddModelError(Field(nameof(CheckInCommand.PersonId)),
                    "Nogen med dette alias har boet her før. Vælg personen, så historikken bevares, eller vælg \"Ny person\".");
                Known = await KnownWithoutCprFunction.AtAsync(Db, Facility, alias, HttpContext.RequestAborted);
                Shows(Known.Select(k => k.PersonId));
            }
            if (Refusal?.Code == CheckInAction.PersonNotFound)
                ModelState.AddModelError(nameof(FirstName),
                    "Personen er ikke registreret: skriv fornavn og efternavn, så registreres personen ved indskrivningen.");
            else if (Refusal is { Kind: RefusalKind.RuleBroken or RefusalKind.Conflict } refused
                     && refused.Code != CheckInAction.KnownWithoutCprAtPlace)
                After = await WayOnAsync(refused);
        }
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>The person with this CPR number (the look-up is logged with its purpose), with their age and current stays.</summary>
    private async Task<FoundPerson?> FindAsync(string cpr)
    {
        var ct = HttpContext.RequestAborted;
        var person = (await lookups.FindAsync(Db, CprNumber.Parse(cpr), CprLookups.Identify, ct)).SingleOrDefault();
        if (person is null) return null;
        Shows([person.Id]);
        var tonight = Tonight.ToDateOnly();
        var stays = await Db.Unscoped<Placement>().Where(p => p.PersonId == person.Id && (p.EndDate == null || p.EndDate > tonight))
            .OrderBy(p => p.StartDate).Select(p => new { p.Facility!.Name, p.StartDate }).ToListAsync(ct);
        return new FoundPerson(PersonText.Name(person), person.Age(Today).Years,
            stays.Select(s => $"{s.Name} fra {Words.Date(s.StartDate)}").ToList());
    }

    /// <summary>Where else tonight, and the turnaway reason the refusal amounts to (a rule's code is its reason's name).</summary>
    private async Task<WayOn> WayOnAsync(Refusal refused)
    {
        var ct = HttpContext.RequestAborted;
        var codes = refused.Details.Select(d => d.Code).Prepend(refused.Code).ToList();
        var reason = codes.Select(c => Enum.TryParse<TurnawayReason>(c, out var r) ? r : (TurnawayReason?)null)
                .FirstOrDefault(r => r is not null)
            ?? (codes.Any(c => c is "FacilityFull" or "UnitDoubleBooked") ? TurnawayReason.Full : TurnawayReason.Other);
        // The catalogue is public: staff see every place to sleep tonight, not only their own.
        var kinds = Availability.FindPlaceModel.TonightKinds.ToList();
        var places = await Db.Unscoped<Facility>().Where(f => f.IsActive && f.Id != Facility.Id && kinds.Contains(f.Kind))
            .ToListAsync(ct);
        var free = Availability.AvailabilityFunction.ComputeFor(places, Tonight, Clock,
                await Availability.AvailabilityFunction.CountsAsync(Db, Tonight, Clock, Policy, ct))
            .Where(a => a.BedsFree > 0).ToList();
        var names = await Db.Unscoped<Municipality>().ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var ordered = free.OrderByDescending(a => a.MunicipalityId == Facility.MunicipalityId).ThenByDescending(a => a.BedsFree)
            .ThenBy(a => a.FacilityName).ToList();
        return new WayOn(ordered.Take(OtherPlacesShown).Select(a => new OtherPlace(a.FacilityName,
            names.GetValueOrDefault(a.MunicipalityId, ""), a.Kind, a.BedsFree, TargetGroup(a))).ToList(),
            Math.Max(0, ordered.Count - OtherPlacesShown), reason);
    }

    /// <summary>Whom a place takes, when not everyone: "kun kvinder", "18–24 år", "fra 30 år".</summary>
    private static string? TargetGroup(Availability.FacilityAvailability a)
    {
        var parts = new List<string>();
        if (a.GenderRestriction == GenderRestriction.WomenOnly) parts.Add("kun kvinder");
        if (a.GenderRestriction == GenderRestriction.MenOnly) parts.Add("kun mænd");
        if (a.MinAge is { } min && a.MaxAge is { } max) parts.Add($"{min}–{max} år");
        else if (a.MinAge is { } from) parts.Add($"fra {from} år");
        else if (a.MaxAge is { } to) parts.Add($"op til {to} år");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private async Task LoadChoicesAsync()
    {
        Youth = await YouthRules.AtAsync(Db, Facility.MunicipalityId, Today, Policy, HttpContext.RequestAborted);
        // Only units with a bed free tonight (not taken by a stay or held), in the order people count them.
        var (tonight, now, ct) = (Tonight.ToDateOnly(), Clock.GetCurrentInstant().ToUtc(), HttpContext.RequestAborted);
        var units = await Db.Units.Where(u => u.FacilityId == Facility.Id).Where(Unit.BookableOn(tonight))
            .Select(u => new
            {
                u.Id, u.Label, u.Beds,
                Taken = Db.Placements.Count(p => p.UnitId == u.Id && p.StartDate <= tonight && (p.EndDate == null || p.EndDate > tonight))
                    + Db.BedHolds.Count(h => h.UnitId == u.Id && h.Night == tonight && h.ReleasedAt == null && h.ExpiresAt > now),
            }).ToListAsync(ct);
        Units = units.Where(u => u.Beds > u.Taken).OrderBy(u => u.Label, NaturalOrder.Instance)
            .Select(u => new SelectListItem($"{u.Label} ({Words.Count(u.Beds - u.Taken, "ledig seng", "ledige senge")})", u.Id.ToString()))
            .ToList();
        Municipalities = await Db.Municipalities.OrderBy(m => m.Name)
            .Select(m => new SelectListItem(m.Name + " (" + m.Code + ")", m.Id.ToString())).ToListAsync();
    }
}
