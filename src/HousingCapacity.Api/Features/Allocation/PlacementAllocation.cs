using HousingCapacity.Api.Features.Holds;
using HousingCapacity.Api.Features.YouthPolicies;
using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// POST /odata/Placements (and CheckIn) allocates a bed or a home: every placement rule is evaluated together and a refusal lists
/// each broken rule in the error's details (409 for capacity and double booking, 422 when eligibility fails). The rules run
/// before the write lock is taken, and under it only the chosen bed is checked again (<see cref="CreateCheckedAsync"/>); the
/// database's triggers refuse an over-booking as the last line. With only a FacilityId, the first unit with a free bed for
/// every night of the stay is chosen. Placements are history: they change only through their actions (Discharge,
/// MarkNotified, RenewSupport).
/// </summary>
public sealed class PlacementAllocation(IOptions<PlacementPolicy> policyOptions) : IEntitySetWriter, IChecksBeforeTheLock
{
    private PlacementPolicy Policy => policyOptions.Value;

    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewPlacement>();
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string>();
    public bool AllowsUpdate => false;
    public bool AllowsDelete => false;

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context) =>
        throw new InvalidOperationException("Placements are changed through their actions.");

    public async Task<Outcome<(Entity, bool)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        (await AllocateAsync(db, RequestOf(v, c), c)).Then(placement => ((Entity)placement, true));

    private AllocationRequest RequestOf(EntityValues v, WriteContext c)
    {
        var n = v.As<NewPlacement>();
        return new AllocationRequest(n.PersonId, n.UnitId, n.FacilityId, n.StartDate?.ToLocalDate() ?? Tonight(c.Clock),
            n.EndDate?.ToLocalDate(), n.SupportMethod ?? SupportMethod.None, n.ExceptionJustification, n.ReferralRoute,
            n.PriorResidence, n.StayType);
    }

    /// <summary>
    /// POST /odata/Placements in two steps, so that allocations queue behind each other for the insert only (issue 14): every
    /// rule and the choice of a unit run on committed data without the write lock (SQLite's WAL lets reads run beside a writer).
    /// Under the lock, <see cref="StillFreeAsync"/> re-checks the chosen bed and the person's other stays, which only a
    /// concurrent write can have changed. If either has, the lock is given up and the whole allocation runs again on the new
    /// state — outside the lock, so that the 31 losers of a race for the last bed are refused one beside the other rather than
    /// one after the other; the third attempt runs entirely under the lock, so that an allocation always ends. The last bed
    /// still has exactly one winner, and the database's triggers are the last line. On PostgreSQL "the lock" is the facility's
    /// and the person's (<see cref="WriteLock.Allocation"/>), so allocations at other facilities do not wait.
    /// </summary>
    public async Task<Outcome<Entity>> CreateCheckedAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        (await PlaceAsync(db, RequestOf(v, c), c)).Then(placement => (Entity)placement);

    /// <summary>
    /// The two steps of <see cref="CreateCheckedAsync"/> for any allocation: POST /odata/Placements and CheckIn (API and page)
    /// alike. <paramref name="identified"/> is a person the workflow has already established (see <see cref="AllocateAsync"/>);
    /// one not saved yet (registered at the door) is saved with the stay, so that a refusal leaves neither behind.
    /// </summary>
    public async Task<Outcome<Placement>> PlaceAsync(HousingDbContext db, AllocationRequest request, WriteContext c,
        Person? identified = null)
    {
        var outcome = await PlaceOnceAsync(db, request, c, identified);
        // The metrics count outcomes and rule codes, never a person.
        Host.Telemetry.Allocations.Add(1, new KeyValuePair<string, object?>("outcome", outcome.IsRefused ? "refused" : "placed"));
        if (outcome.Refusal is { } refusal)
            foreach (var code in refusal.Details.Select(d => d.Code).DefaultIfEmpty(refusal.Code).Distinct())
                Host.Telemetry.Refusals.Add(1, new KeyValuePair<string, object?>("rule", code));
        return outcome;
    }

    private async Task<Outcome<Placement>> PlaceOnceAsync(HousingDbContext db, AllocationRequest request, WriteContext c,
        Person? identified)
    {
        // One connection for the request's queries (EF would otherwise open and close one per query).
        await db.Database.OpenConnectionAsync(c.Cancellation);
        for (var attempt = 1; ; attempt++)
        {
            var last = attempt == MaxAttempts;
            Placement? planned = null;
            if (!last)
            {
                var allocated = await AllocateAsync(db, request, c, identified);
                if (allocated.IsRefused) return allocated;
                planned = allocated.Value;
            }
            var placed = await db.WriteAsync(async Task<Outcome<Placement?>> () =>
            {
                if (planned is not null && !await StillFreeAsync(db, planned, c))
                {
                    db.ChangeTracker.Clear(); // nothing read for this attempt is saved (a bed hold it released, say)
                    return (Placement?)null;
                }
                Outcome<Placement> allocated = planned is null ? await AllocateAsync(db, request, c, identified) : planned;
                if (allocated.Refusal is { } refusal) return refusal;
                var placement = allocated.Value;
                db.Add(placement);
                if (identified is { Id: 0 } newcomer)
                {
                    // A retry began with a cleared tracker: the newcomer is added again. Its id is known only on save.
                    if (db.Entry(newcomer).State == EntityState.Detached) db.Persons.Add(newcomer);
                    db.Entry(placement).Reference(x => x.Person).CurrentValue = newcomer;
                }
                return placement;
            }, c.Cancellation, planned is null ? null : WriteLock.Allocation(planned.FacilityId, planned.PersonId));
            if (placed.Refusal is { } refused) return refused;
            if (placed.Value is { } done) return done;
        }
    }

    private const int MaxAttempts = 3;

    /// <summary>
    /// Under the write lock: the unit is still in service and has a bed on every night of the stay that is neither taken nor held
    /// for someone else, and the person has no other stay then. Reads the unit's running stays (an index range) and its holds.
    /// </summary>
    private static async Task<bool> StillFreeAsync(HousingDbContext db, Placement planned, WriteContext c)
    {
        var ct = c.Cancellation;
        var stay = new DateRange(planned.StartDate, planned.EndDate);
        var unit = await db.Unscoped<Unit>().AsNoTracking().Where(u => u.Id == planned.UnitId).SingleOrDefaultAsync(ct);
        // Extra beds may have been closed early meanwhile.
        if (unit is null || unit.Status != UnitStatus.InService || !unit.OpenThroughout(stay)) return false;
        if (await BedHoldWriter.BedsTakenAsync(db, planned.UnitId, stay, c.Clock.GetCurrentInstant(), planned.PersonId, ct) >= unit.Beds)
            return false;
        return !await db.Unscoped<Placement>().Where(p => p.PersonId == planned.PersonId).Overlapping(stay).AnyAsync(ct);
    }

    /// <summary>
    /// Runs every rule for the request and returns the new placement (not yet added), or the refusal listing every broken rule.
    /// The person, unit and facility must be records the caller can read (404 otherwise, before any rule runs: see
    /// <see cref="References"/>),
    /// unless the workflow has already established the person: <paramref name="identified"/> is a person identified by CPR
    /// number at the door (CheckIn) or the person of an offer the caller may answer (Accept).
    /// </summary>
    public async Task<Outcome<Placement>> AllocateAsync(HousingDbContext db, AllocationRequest r, WriteContext c, Person? identified = null)
    {
        var ct = c.Cancellation;
        var person = identified ?? await References.VisibleAsync<Person>(db, r.PersonId, "PersonId", ct);
        person.EnsureNotMerged("PersonId");
        var stay = new DateRange(r.StartDate, r.EndDate);
        var supportMethod = r.SupportMethod;
        var justification = r.ExceptionJustification;
        var unitId = r.UnitId;
        var facilityId = r.FacilityId;
        if (unitId is null && facilityId is null)
            return Refusal.Invalid("MissingProperty", "Angiv UnitId eller FacilityId.", "Give UnitId or FacilityId.", "UnitId");

        Facility facility;
        Unit? unit;
        BedHoldWriter.FreeUnit? free = null;
        if (unitId is not null)
        {
            unit = await References.VisibleAsync<Unit>(db, unitId.Value, "UnitId", ct);
            // A unit the caller can see belongs to a facility the caller can see (the two query filters agree).
            facility = (await db.FindUnscopedAsync<Facility>(unit.FacilityId, ct))!;
            if (facilityId is not null && facilityId != facility.Id)
                return Refusal.Rule("UnitNotInFacility", "Enheden hører ikke til det angivne tilbud.",
                    "The unit does not belong to the given facility.", "UnitId");
        }
        else
        {
            var wanted = facilityId!.Value;
            facility = await References.VisibleAsync<Facility>(db, wanted, "FacilityId", ct);
            free = await BedHoldWriter.FirstFreeAsync(db, facility.Id, stay, c.Clock.GetCurrentInstant(), ct, person.Id);
            unit = free?.Unit;
        }

        // Among extra beds, a stay ends with them (asked without an end, it gets theirs).
        if (unit is not null) stay = free?.Stay ?? unit.StayFor(stay);
        var overlapping = await db.Unscoped<Placement>().Where(p => p.PersonId == person.Id).Overlapping(stay).CountAsync(ct);
        // The youth rule is the policy of the municipality that runs the place, in force on the first night; looked up only
        // where the rule can apply at all (a §110 place), so that other allocations make no extra queries.
        var youth = Policy.CoversYouthRule(facility.LegalBasis)
            ? await YouthRules.AtAsync(db, facility.MunicipalityId, stay.Start, Policy, ct) : null;
        if (unit is null)
        {
            // Nothing free: still say whether the person could have been placed here at all.
            var any = await db.Unscoped<Unit>().Where(u => u.FacilityId == facility.Id).OrderBy(u => u.Id).FirstOrDefaultAsync(ct);
            var probe = any is null ? null : new PlacementCandidate(person, facility, any, stay, supportMethod, justification, 0, false,
                overlapping, youth);
            var eligibility = probe is null ? [] : PlacementRule.Broken(probe, Policy)
                .Where(r => r.Kind == RuleKind.Eligibility || r.Code == "PersonAlreadyPlaced").ToList();
            var details = eligibility.Select(r => Detail(r, probe!)).ToList();
            details.Add(Refusal.Conflict("FacilityFull", $"{facility.Name} har ingen ledig seng i hele perioden.",
                $"{facility.Name} has no bed free for the whole period.", "FacilityId"));
            return RefusalOf(details, eligibility.Any(r => r.Kind == RuleKind.Eligibility));
        }

        var now = c.Clock.GetCurrentInstant();
        // A unit chosen by FirstFreeAsync comes with its counts; one named by the caller is counted now.
        var peak = free?.Peak ?? await PeakOccupancyAsync(db, unit.Id, stay, ct);
        var heldForOthers = free?.Held ?? await BedHoldWriter.HeldAsync(db, unit.Id, stay.Start, now, person.Id, ct);
        var candidate = new PlacementCandidate(person, facility, unit, stay, supportMethod, justification,
            peak, peak < unit.Beds && peak + heldForOthers >= unit.Beds, overlapping, youth);
        var broken = PlacementRule.Broken(candidate, Policy);
        if (broken.Count > 0)
            return RefusalOf(broken.Select(r => Detail(r, candidate)).ToList(), broken.Any(r => r.Kind == RuleKind.Eligibility));

        // A bed held for this person is used by this placement.
        var firstNight = stay.Start.ToDateOnly();
        foreach (var hold in await db.Unscoped<BedHold>().Where(h => h.UnitId == unit.Id && h.PersonId == person.Id
            && h.Night == firstNight && h.ReleasedAt == null).ToListAsync(ct))
            if (hold.IsActiveAt(now)) hold.Release(now);

        // Every §110 rule reads the place's legal basis, never its kind: a §104 night café has no notice and no counting year.
        var section110 = PlacementPolicy.IsSection110(facility.LegalBasis);
        if (r.StayType is not null && facility.LegalBasis != LegalBasis.Section110)
            return Refusal.Rule("StayTypeOnlyAtSection110",
                $"{facility.Name} er ikke et herberg eller forsorgshjem efter servicelovens § 110; opholdstypen (herberg eller " +
                "efterforsorg) gælder kun der.",
                $"{facility.Name} is not a §110 place; the stay type (shelter or after-care) applies only there.", "StayType");
        // The justification is kept whenever given; for a young person at a §110 place it is the recorded exception, made by the
        // caller (at a §110 place the admission is the leader's decision, Serviceloven §110 stk. 4).
        var exception = YouthInSection110Rule.Applies(candidate, Policy);
        // At a §110 place it does not run, a municipality refers: the place admits (§110 stk. 4).
        var byPlace = Decisions.CapacityOf(db.Scope.Current, facility.Id, facility.MunicipalityId) == DecisionCapacity.Place;
        var placement = new Placement(person.Id, unit.Id, facility.Id, facility.LegalBasis, stay, supportMethod, justification,
            r.ReferralRoute ?? (section110 ? ReferralRoute.SelfReferral : ReferralRoute.Municipality),
            section110 ? Policy.WorkingDays().Add(stay.Start, Policy.NotificationWeekdays) : null,
            supportMethod == SupportMethod.CTI ? stay.Start.PlusMonths(Policy.CtiMonths) : null,
            priorResidence: r.PriorResidence,
            // The handlekommune of the stay starts as the person's (null when not known); an officer may change it.
            responsibleMunicipalityId: person.MunicipalityId,
            exceptionDecidedBy: exception ? c.UserName : null, youthPolicyId: youth?.PolicyId, stayType: r.StayType,
            admittedBy: byPlace ? c.UserName : null, referredBy: byPlace ? null : c.UserName);
        if (supportMethod != SupportMethod.None)
            placement.SupportPeriods.Add(new SupportPeriod(placement, supportMethod, stay.Start, placement.SupportUntil.ToLocalDate(), null,
                c.UserName));
        return placement;
    }

    /// <summary>The night a stay from now begins: until the morning hour, the night that began the evening before.</summary>
    public LocalDate Tonight(IClock clock) => DanishTime.Night(clock, Policy.NightEndsAtHour);

    /// <summary>One broken rule as a refusal's detail: its code, both messages and the law or policy it comes from.</summary>
    private Refusal Detail(PlacementRule r, PlacementCandidate c) =>
        new(r.Kind == RuleKind.Eligibility ? RefusalKind.RuleBroken : RefusalKind.Conflict, r.Code, r.MessageDa(c, Policy),
            r.MessageEn(c, Policy), Target(r)) { Source = r.SourceOf(c, Policy), SourceEn = r.SourceEn == r.Source ? null : r.SourceEn };

    private static string? Target(PlacementRule r) => r.Code switch
    {
        "YouthInSection110" => "ExceptionJustification",
        "SupportMethodRequired" => "SupportMethod",
        "UnitOutOfService" or "UnitDoubleBooked" => "UnitId",
        "PersonAlreadyPlaced" or "GenderRestricted" or "AgeRestricted" or "MinorAtAdultPlace" => "PersonId",
        _ => null,
    };

    /// <summary>One refusal listing every broken rule: a broken rule when the person is not eligible, else a conflict.</summary>
    private static Refusal RefusalOf(List<Refusal> details, bool eligibility) =>
        new(eligibility ? RefusalKind.RuleBroken : RefusalKind.Conflict, details[0].Code,
            eligibility ? "Personen kan ikke anbringes her."
                : "Pladsen kan ikke tildeles: der er ingen ledig seng, eller personen er allerede anbragt.",
            eligibility ? "The person cannot be placed here."
                : "The place cannot be allocated: no bed is free, or the person is already placed.") { Details = details };

    /// <summary>The most people the unit holds on one night of the stay.</summary>
    public static async Task<int> PeakOccupancyAsync(HousingDbContext db, int unitId, DateRange stay, CancellationToken ct) =>
        Peak((await db.Unscoped<Placement>().Where(p => p.UnitId == unitId).Overlapping(stay)
            .Select(p => new { p.StartDate, p.EndDate }).ToListAsync(ct)).Select(p => new DateRange(p.StartDate, p.EndDate)).ToList(),
                stay);

    /// <summary>
    /// The most of <paramref name="stays"/> on one night of <paramref name="stay"/>, by one sweep over the nights they begin and
    /// end within it (n log n in the stays; a stay ending on a night does not hold a bed that night).
    /// </summary>
    public static int Peak(IReadOnlyCollection<DateRange> stays, DateRange stay)
    {
        var changes = new List<(LocalDate Night, int Change)>(stays.Count * 2);
        foreach (var s in stays.Where(s => s.Overlaps(stay)))
        {
            changes.Add((s.Start > stay.Start ? s.Start : stay.Start, +1));
            if (s.End is { } end && (stay.End is null || end < stay.End)) changes.Add((end, -1));
        }
        changes.Sort((a, b) => a.Night != b.Night ? a.Night.CompareTo(b.Night) : a.Change.CompareTo(b.Change));
        var (now, most) = (0, 0);
        foreach (var (_, change) in changes) most = Math.Max(most, now += change);
        return most;
    }
}
