using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>
/// One of the municipality's facilities for its administrator: create it (as POST /odata/Facilities), change it (as PATCH with
/// If-Match: the version the form was read at must still be the record's, or nothing is saved and the administrator is told), close
/// or reopen it, and its units: add one, change a unit's name, beds or status (<see cref="UnitWriter"/>: never below the people
/// it holds). Without an id the page creates a facility.
/// </summary>
public sealed class FacilityPageModel(FacilityWriter facilities, UnitWriter units) : AdministratorPage
{
    public override string Title => Facility is null ? "Nyt tilbud" : Facility.Name;

    public Facility? Facility { get; private set; }
    /// <summary>People with a stay at the facility tonight (told before it is closed).</summary>
    public int StayingTonight { get; private set; }
    /// <summary>The place's periods of extra beds, the latest first (its staff open and close them).</summary>
    public List<ExtraBeds> ExtraBeds { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public FacilityKind? Kind { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public GenderRestriction GenderRestriction { get; set; }
    [BindProperty] public int? MinAge { get; set; }
    [BindProperty] public int? MaxAge { get; set; }
    /// <summary>Null: the kind's usual legal basis.</summary>
    [BindProperty] public LegalBasis? LegalBasis { get; set; }
    /// <summary>The version the form was read at (the page's ETag).</summary>
    [BindProperty] public int Version { get; set; }
    [BindProperty] public bool CloseConfirmed { get; set; }

    [BindProperty] public int? UnitId { get; set; }
    [BindProperty] public string? UnitLabel { get; set; }
    [BindProperty] public int? UnitBeds { get; set; }
    [BindProperty] public UnitStatus? UnitStatus { get; set; }

    private static readonly IReadOnlyDictionary<string, string> Fields = FieldsOf<NewFacility>("", ("MunicipalityId", ""));

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Facility is { } f)
        {
            (Name, Kind, Address, GenderRestriction, MinAge, MaxAge, Version) =
                (f.Name, f.Kind, f.Address, f.GenderRestriction, f.MinAge, f.MaxAge, f.Version);
            LegalBasis = f.LegalBasis == LegalBases.Default(f.Kind) ? null : f.LegalBasis;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (string.IsNullOrWhiteSpace(Name)) Invalid(nameof(Name), "Skriv tilbuddets navn.");
        if (Kind is null) Invalid(nameof(Kind), "Vælg hvilken slags tilbud det er.");
        if (string.IsNullOrWhiteSpace(Address)) Invalid(nameof(Address), "Skriv tilbuddets adresse.");
        if (!ModelState.IsValid) return Page();
        if (Facility is null)
        {
            var made = await WriteAsync(async () => (await CreateAsync(facilities, new NewFacility(Caller.MunicipalityId!.Value, Name!,
                Kind!.Value, Address!, GenderRestriction, MinAge, MaxAge, true, LegalBasis))).Then(e => (Facility)e), Fields);
            if (made is null) return Page();
            Done = $"{made.Name} er oprettet. Tilføj nu dets enheder.";
            return Redirect($"/administration/tilbud/{made.Id}");
        }
        var saved = await WriteAsync(async Task<Outcome<Facility>> () =>
        {
            var f = await Db.Facilities.SingleAsync(x => x.Id == id);
            if (f.Version != Version) return Changed();
            return FacilityWriter.Change(f, new FacilityChange(Name!, Kind!.Value, Address!, GenderRestriction, MinAge, MaxAge, f.IsActive,
                LegalBasis ?? LegalBases.Default(Kind!.Value))) is { } refusal ? refusal : f;
        }, Fields);
        if (saved is null)
        {
            // Saved again, the form overwrites the other change knowingly.
            Version = Facility.Version;
            return Page();
        }
        Done = "Ændringerne er gemt.";
        return Redirect($"/administration/tilbud/{id}");
    }

    /// <summary>Closes the facility (no new stays; those running keep theirs) or opens it again.</summary>
    public async Task<IActionResult> OnPostActiveAsync(int id)
    {
        if (!await LoadAsync(id) || Facility is not { } current) return NotFound();
        if (current.IsActive && !CloseConfirmed) Invalid(nameof(CloseConfirmed), "Bekræft at tilbuddet skal lukkes.");
        if (!ModelState.IsValid) return Page();
        var saved = await WriteAsync(async Task<Outcome<Facility>> () =>
        {
            var f = await Db.Facilities.SingleAsync(x => x.Id == id);
            if (f.Version != Version) return Changed();
            return FacilityWriter.Change(f, new FacilityChange(f.Name, f.Kind, f.Address, f.GenderRestriction, f.MinAge, f.MaxAge,
                !f.IsActive, f.LegalBasis)) is { } refusal ? refusal : f;
        }, new Dictionary<string, string> { ["IsActive"] = nameof(CloseConfirmed) });
        if (saved is null) return Page();
        Done = saved.IsActive ? $"{saved.Name} er åbnet igen." : $"{saved.Name} er lukket for nye ophold.";
        return Redirect($"/administration/tilbud/{id}");
    }

    public async Task<IActionResult> OnPostUnitAsync(int id)
    {
        if (!await LoadAsync(id) || Facility is null) return NotFound();
        if (string.IsNullOrWhiteSpace(UnitLabel)) Invalid(nameof(UnitLabel), "Skriv enhedens navn.");
        if (UnitBeds is null) Invalid(nameof(UnitBeds), "Skriv antal senge.");
        if (!ModelState.IsValid) return Page();
        var unitFields = new Dictionary<string, string>
        {
            ["Label"] = nameof(UnitLabel), ["Beds"] = nameof(UnitBeds), ["Status"] = nameof(UnitStatus), ["Placements"] = nameof(UnitBeds),
            ["FacilityId"] = nameof(UnitLabel),
        };
        if (UnitId is null)
        {
            if (await WriteAsync(() => CreateAsync(units, new NewUnit(id, UnitLabel!.Trim(), UnitBeds!.Value,
                    UnitStatus ?? Domain.UnitStatus.InService)), unitFields) is null) return Page();
            Done = $"Enheden {UnitLabel!.Trim()} er oprettet.";
        }
        else
        {
            if (await WriteAsync(async Task<Outcome<Unit>> () =>
                {
                    if (await Db.Units.SingleOrDefaultAsync(u => u.Id == UnitId && u.FacilityId == id) is not { } unit)
                        return Refusal.NotFound("Enheden findes ikke.", "The unit does not exist.");
                    return await units.ChangeAsync(Db, unit, new UnitChange(UnitLabel!, UnitBeds!.Value, UnitStatus ?? unit.Status),
                        WriteContext) is { } refusal ? refusal : unit;
                }, unitFields) is null) return Page();
            Done = $"Enheden {UnitLabel!.Trim()} er ændret.";
        }
        return Redirect($"/administration/tilbud/{id}");
    }

    private static Refusal Changed() => new(RefusalKind.Changed, "PreconditionFailed",
        "Tilbuddet er ændret af en anden, siden du åbnede siden. Se hvad der står nu, og gem igen, hvis dine ændringer skal gælde.",
        "The facility was changed by someone else since the page was opened. Check it and save again if your changes should apply.");

    private async Task<bool> LoadAsync(int? id)
    {
        if (id is null) return true;
        var ct = HttpContext.RequestAborted;
        Facility = await Db.Facilities.AsNoTracking().Include(f => f.Units.Where(u => u.OpenFrom == null))
            .SingleOrDefaultAsync(f => f.Id == id && f.MunicipalityId == Caller.MunicipalityId, ct);
        if (Facility is null) return false;
        var tonight = Tonight.ToDateOnly();
        ExtraBeds = await Db.ExtraBeds.AsNoTracking().Where(e => e.FacilityId == id).OrderByDescending(e => e.FirstNight).Take(10)
            .ToListAsync(ct);
        StayingTonight = await Db.Placements.CountAsync(p => p.FacilityId == id && p.StartDate <= tonight
            && (p.EndDate == null || p.EndDate > tonight), ct);
        return true;
    }
}
