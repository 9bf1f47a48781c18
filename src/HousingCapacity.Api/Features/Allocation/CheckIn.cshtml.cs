using HousingCapacity.Api.Features.Persons;
using HousingCapacity.Api.Features.Shared;
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

    [BindProperty] public string? Cpr { get; set; }
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? LastName { get; set; }
    [BindProperty] public int? MunicipalityId { get; set; }
    [BindProperty] public string? Alias { get; set; }
    [BindProperty] public Gender? Gender { get; set; }
    [BindProperty] public int? BirthYear { get; set; }
    [BindProperty] public int? EstimatedAge { get; set; }
    [BindProperty] public int? UnitId { get; set; }
    [BindProperty] public PriorResidence? PriorResidence { get; set; }
    /// <summary>At a §110 place: a stay at the place itself or efterforsorg (Danmarks Statistik's opholdstype).</summary>
    [BindProperty] public Section110StayType? StayType { get; set; }
    [BindProperty] public string? Justification { get; set; }
    /// <summary>Someone without a CPR number who has stayed here before, picked from <see cref="Known"/>.</summary>
    [BindProperty] public int? KnownPersonId { get; set; }
    /// <summary>Staff confirm that the alias is someone new, not one of <see cref="Known"/>.</summary>
    [BindProperty] public bool NewPerson { get; set; }

    /// <summary>People without a CPR number known here under the alias typed (shown when the check-in asks who it is).</summary>
    public List<KnownWithoutCpr> Known { get; private set; } = [];

    public PlacementPolicy Policy => policy.Value;
    /// <summary>The youth policy of the municipality that runs this place, in force tonight.</summary>
    public YouthRuleInForce Youth { get; private set; } = null!;
    public List<SelectListItem> Units { get; private set; } = [];
    public List<SelectListItem> Municipalities { get; private set; } = [];

    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cpr"] = nameof(Cpr), ["PersonId"] = nameof(Cpr), ["FirstName"] = nameof(FirstName), ["LastName"] = nameof(LastName),
        ["MunicipalityId"] = nameof(MunicipalityId), ["alias"] = nameof(Alias), ["gender"] = nameof(Gender),
        ["birthYear"] = nameof(BirthYear), ["estimatedAge"] = nameof(EstimatedAge), ["unitId"] = nameof(UnitId),
        ["ExceptionJustification"] = nameof(Justification), ["priorResidence"] = nameof(PriorResidence),
        ["StayType"] = nameof(StayType),
    };

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
        Cpr = Cpr?.Trim() is { Length: > 0 } c ? c : null;
        Alias = Alias?.Trim() is { Length: > 0 } a ? a : null;
        if (KnownPersonId is not null && Cpr is null) Alias = null; // the person picked is the one checked in
        if (Cpr is null && Alias is null && KnownPersonId is null)
            Invalid(nameof(Cpr), "Skriv personens CPR-nummer, eller udfyld alias, køn og fødselsår eller anslået alder nedenfor.");
        else if (Cpr is not null && !CprNumber.TryParse(Cpr, out _))
            Invalid(nameof(Cpr), "CPR-nummeret skal have formen DDMMÅÅ-XXXX og være en gyldig dato.");
        if (ModelState.IsValid)
        {
            // The check-in keeps its own writes, as the API's does (the allocation's two steps).
            var placement = await AttemptAsync(async () =>
            {
                Person? atTheDoor = null;
                if (Cpr is not null && FirstName is { Length: > 0 })
                    // The number looked up once: someone known is checked in as identified; someone new is registered (as POST
                    // /odata/Persons) and saved with the stay, so a refusal leaves no person.
                    atTheDoor = (await lookups.FindAsync(Db, CprNumber.Parse(Cpr), CprLookups.Identify, HttpContext.RequestAborted))
                        .SingleOrDefault() ?? (Person)await CreateAsync(persons, new Dictionary<string, object?>
                        {
                            ["Cpr"] = Cpr, ["FirstName"] = FirstName, ["LastName"] = LastName ?? "", ["MunicipalityId"] = MunicipalityId,
                        });
                return await checkIn.InvokeAsync(Db, new CheckInCommand(Cpr, UnitId, UnitId is null ? Facility.Id : null, null, null, null,
                    Justification, null, PriorResidence, Cpr is null ? Alias : null, Cpr is null ? Gender : null,
                    Cpr is null ? BirthYear : null, Cpr is null ? EstimatedAge : null,
                    Facility.LegalBasis == LegalBasis.Section110 ? StayType : null, Cpr is null ? KnownPersonId : null,
                    NewPerson), WriteContext, atTheDoor);
            }, Fields);
            if (placement is not null)
            {
                var unit = await Db.Units.Where(u => u.Id == placement.UnitId).Select(u => u.Label).SingleAsync();
                Done = $"Tjekket ind i {unit} fra i nat.";
                return Redirect(For("/personale"));
            }
            if (Refusal?.Code == "KnownWithoutCprAtPlace")
            {
                ModelState.Remove(nameof(Alias));
                ModelState.AddModelError(nameof(KnownPersonId),
                    "Nogen med dette alias har boet her før. Vælg personen, så historikken bevares, eller vælg \"Ny person\".");
                Known = await KnownWithoutCprFunction.AtAsync(Db, Facility, Alias, HttpContext.RequestAborted);
                Shows(Known.Select(k => k.PersonId));
            }
            if (Refusal?.Code == "PersonNotFound")
                ModelState.AddModelError(nameof(FirstName),
                    "Personen er ikke registreret: skriv fornavn og efternavn, så registreres personen ved indskrivningen.");
        }
        await LoadChoicesAsync();
        return Page();
    }

    private async Task LoadChoicesAsync()
    {
        Youth = await YouthRules.AtAsync(Db, Facility.MunicipalityId, Today, Policy, HttpContext.RequestAborted);
        Units = await Db.Units.Where(u => u.FacilityId == Facility.Id && u.Status == UnitStatus.InService).OrderBy(u => u.Label)
            .Select(u => new SelectListItem(u.Label + " (" + u.Beds + " senge)", u.Id.ToString())).ToListAsync();
        Municipalities = await Db.Municipalities.OrderBy(m => m.Name)
            .Select(m => new SelectListItem(m.Name + " (" + m.Code + ")", m.Id.ToString())).ToListAsync();
    }
}
