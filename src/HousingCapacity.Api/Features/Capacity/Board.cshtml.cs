using HousingCapacity.Api.Features.YouthPolicies;
using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.Features.Availability;
using HousingCapacity.Api.Features.Shared;
using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Capacity;

/// <summary>
/// Tonight's board for shelter staff: each unit's beds, who is in (masked CPR, nights so far, the youth and counting-year warnings),
/// holds and free beds, when tonight's count was last reported, and the count itself in one step, prefilled from the stays.
/// </summary>
public sealed class BoardModel(CapacityReportWriter reports, LongStaysFunction longStays,
    Microsoft.Extensions.Options.IOptions<PlacementPolicy> policy) : StaffPage
{
    public override string Title => "Nattens tavle";

    public sealed record UnitRow(Unit Unit, int Occupied, int Held)
    {
        public int Free => Unit.Status == UnitStatus.InService ? Math.Max(0, Unit.Beds - Occupied - Held) : 0;
    }

    public sealed record Guest(Placement Stay, Person Person, string UnitLabel, int Nights, string? YouthWarning, LongStay? CountingYear);

    public List<UnitRow> Units { get; private set; } = [];
    /// <summary>Extra beds the place has open tonight (a kuldeberedskab, say); null when none.</summary>
    public ExtraBeds? ExtraTonight { get; private set; }
    public List<Guest> Guests { get; private set; } = [];
    public CapacityReport? TonightsReport { get; private set; }
    public DateTimeOffset? LastReportedAt { get; private set; }
    /// <summary>Tonight's count is missing and was due (<see cref="PlacementPolicy.CountDueBy"/>).</summary>
    public bool CountOverdue { get; private set; }
    public string CountDueBy => Words.Clock(policy.Value.CountDueTime());

    [BindProperty] public int? BedsInService { get; set; }
    [BindProperty] public int? BedsOccupied { get; set; }
    [BindProperty] public int? BedsOutOfService { get; set; }
    /// <summary>Set when staff confirm a count of occupied beds that differs from tonight's stays and holds.</summary>
    [BindProperty] public bool CountDiffersConfirmed { get; set; }
    /// <summary>Shown next to the count when it differs from the stays and holds and has not been confirmed.</summary>
    public string? CountDiffers { get; private set; }

    /// <summary>The beds tonight's stays and holds fill: what the count is prefilled with and checked against.</summary>
    public int ExpectedOccupied => Guests.Count + Units.Sum(u => u.Held);

    public int TotalFree => Units.Sum(u => u.Free);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadFacilityAsync()) return NotFound();
        await LoadAsync();
        // Prefilled from tonight's stays, holds and units, not from the last report: a report made before the last check-in would
        // otherwise be sent again unchanged.
        (BedsInService, BedsOccupied, BedsOutOfService) = (Units.Where(u => u.Unit.Status == UnitStatus.InService).Sum(u => u.Unit.Beds),
            ExpectedOccupied, Units.Where(u => u.Unit.Status == UnitStatus.OutOfService).Sum(u => u.Unit.Beds));
        return Page();
    }

    /// <summary>Tonight's count, as POST /odata/CapacityReports (an upsert for the facility and night).</summary>
    public async Task<IActionResult> OnPostCountAsync()
    {
        if (!await LoadFacilityAsync()) return NotFound();
        if (BedsInService is null) Invalid(nameof(BedsInService), "Angiv antal senge i drift.");
        if (BedsOccupied is null) Invalid(nameof(BedsOccupied), "Angiv antal belagte senge.");
        if (BedsOutOfService is null) Invalid(nameof(BedsOutOfService), "Angiv antal senge ude af drift.");
        await LoadAsync();
        if (ModelState.IsValid && BedsOccupied != ExpectedOccupied && !CountDiffersConfirmed)
        {
            CountDiffers = Differs(BedsOccupied!.Value);
            Invalid(nameof(BedsOccupied), CountDiffers);
        }
        if (ModelState.IsValid)
        {
            var saved = await WriteAsync(() => CreateAsync(reports,
                new NewCapacityReport(Facility.Id, BedsOccupied!.Value, Tonight.ToDateOnly(), BedsInService, BedsOutOfService)),
                FieldsOf<NewCapacityReport>("", ("FacilityId", ""), ("Date", "")));
            if (saved is not null)
            {
                Done = $"Nattens tal er indberettet ({BedsOccupied} af {Words.Count(BedsInService ?? 0, "seng", "senge")} belagt).";
                return Redirect(For("/personale"));
            }
        }
        return Page();
    }

    /// <summary>Why a count differs from what the stays say, in the words staff use.</summary>
    private string Differs(int counted)
    {
        var held = Units.Sum(u => u.Held);
        var checkedIn = Words.Count(Guests.Count, "person er tjekket ind", "personer er tjekket ind");
        var stays = held == 0 ? checkedIn : $"{checkedIn}, og {Words.Count(held, "seng er reserveret", "senge er reserveret")}";
        return $"Du har skrevet {Words.Count(counted, "belagt seng", "belagte senge")}, men {stays} i nat " +
            $"({Words.Count(ExpectedOccupied, "seng", "senge")}). Ret tallet, eller bekræft, at det er rigtigt (fx en gæst, der " +
            "endnu ikke er tjekket ind her).";
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var tonight = Tonight.ToDateOnly();
        var now = Clock.GetCurrentInstant().ToUtc();
        // The regular units, and extra beds open tonight (listed last).
        var units = await Db.Units.Where(u => u.FacilityId == Facility.Id).Where(Unit.ExistsOn(tonight))
            .OrderBy(u => u.OpenFrom != null).ThenBy(u => u.Id).ToListAsync(ct);
        ExtraTonight = await Db.ExtraBeds.AsNoTracking().Where(e => e.FacilityId == Facility.Id && e.FirstNight <= tonight
            && e.LastNight >= tonight).FirstOrDefaultAsync(ct);
        // The stays running tonight, from the index of a place's running stays (issue 30): never the place's past years. Sorted
        // here: asked to sort by start, the database would rather walk the place's stays by start, from its first.
        var stays = (await Db.Placements.Where(p => p.FacilityId == Facility.Id).Overlapping(new DateRange(Tonight, Tonight.PlusDays(1)))
            .Include(p => p.Person).ToListAsync(ct)).OrderBy(p => p.StartDate).ThenBy(p => p.Id).ToList();
        var holds = await Db.BedHolds.Where(h => h.FacilityId == Facility.Id && h.Night == tonight && h.ReleasedAt == null
            && h.ExpiresAt > now).GroupBy(h => h.UnitId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N,
                ct);
        Units = units.Select(u => new UnitRow(u, stays.Count(s => s.UnitId == u.Id), holds.GetValueOrDefault(u.Id))).ToList();
        var counting = PlacementPolicy.IsSection110(Facility.LegalBasis)
            ? (await longStays.OfStaysAsync(Db, stays.Where(s => s.LegalBasis == LegalBasis.Section110).Select(s => (s.Id, s.PersonId))
                .ToList(), Tonight, true, ct)).ToDictionary(l => l.PersonId)
            : [];
        var rules = policy.Value;
        // The municipality's own youth policy in force tonight (none applies when it has switched the rule off).
        var youth = await YouthRules.AtAsync(Db, Facility.MunicipalityId, Today, rules, ct);
        Guests = stays.Select(s =>
        {
            var age = s.Person!.Age(Today);
            var young = youth.Covers(s.LegalBasis, age.Years, rules);
            var band = $"Ung ({youth.MinAge}–{youth.MaxAge})";
            var warning = young ? s.ExceptionJustification is null ? $"{band} uden registreret begrundelse"
                : $"{band}: undtagelse registreret" : null;
            return new Guest(s, s.Person, units.FirstOrDefault(u => u.Id == s.UnitId)?.Label ?? "",
                Period.Between(s.StartDate.ToLocalDate(),
                Today, PeriodUnits.Days).Days, warning, counting.GetValueOrDefault(s.PersonId));
        }).ToList();
        Shows(stays.Select(s => s.PersonId));
        TonightsReport = await Db.CapacityReports.SingleOrDefaultAsync(r => r.FacilityId == Facility.Id && r.Date == tonight, ct);
        LastReportedAt = await Db.CapacityReports.Where(r => r.FacilityId == Facility.Id).MaxAsync(r => (DateTimeOffset?)r.ReportedAt, ct);
        CountOverdue = Availability.AvailabilityFunction.CountOverdue(TonightsReport is not null, Clock.GetCurrentInstant(),
            Availability.AvailabilityFunction.CountDueAt(Tonight, policy.Value));
    }
}
