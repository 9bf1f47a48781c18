namespace HousingCapacity.Api.Features.Availability;

/// <summary>
/// <c>Facilities/HousingCapacity.Availability(date=…)</c>: free beds per active facility for one night (default tonight,
/// Copenhagen time) — beds in service (extra beds open that night among them) − occupied − held — with the age of the newest
/// capacity report, and whether the place has reported this night's count or is past the time it was due
/// (<see cref="PlacementPolicy.CountDueBy"/>).
/// </summary>
public static class AvailabilityFunction
{

    public static async Task<List<FacilityAvailability>> ComputeAsync(HousingDbContext db, LocalDate night, IClock clock,
        PlacementPolicy policy, CancellationToken ct) =>
        ComputeFor(await ActiveFacilitiesAsync(db, ct), night, clock, await CountsAsync(db, night, clock, policy, ct));

    /// <summary>When a night's count is due: the night's evening at <see cref="PlacementPolicy.CountDueBy"/>, Copenhagen time.</summary>
    public static Instant CountDueAt(LocalDate night, PlacementPolicy policy) =>
        night.At(policy.CountDueTime()).InZoneLeniently(DanishTime.Zone).ToInstant();

    /// <summary>A place's count for the night is overdue: none is reported, and the time it was due has passed.</summary>
    public static bool CountOverdue(bool reported, Instant now, Instant dueAt) => !reported && now >= dueAt;

    /// <summary>The facilities the caller may see (staff: their own); the counts below are over everything.</summary>
    public static Task<List<Facility>> ActiveFacilitiesAsync(HousingDbContext db, CancellationToken ct) =>
        db.Facilities.Where(f => f.IsActive).OrderBy(f => f.Id).ToListAsync(ct);

    /// <summary>Beds in service, people, holds and the newest report per facility for one night: a few queries, none of which reads
    /// the history behind the night.</summary>
    /// <param name="ReportedForNight">The facilities with a count reported for the night.</param>
    /// <param name="CountDueAt">When the night's count was due.</param>
    /// <param name="Beds">Beds that can be given out that night, and how many of them are extra beds.</param>
    public sealed record Counts(Dictionary<int, (int Beds, int Extra)> Beds, Dictionary<int, int> Occupied, Dictionary<int, int> Held,
        Dictionary<int, DateTimeOffset> LastReport, IReadOnlySet<int> ReportedForNight, Instant CountDueAt);

    public static async Task<Counts> CountsAsync(HousingDbContext db, LocalDate night, IClock clock, PlacementPolicy policy,
        CancellationToken ct)
    {
        var date = night.ToDateOnly();
        var beds = await db.Unscoped<Unit>().Where(Unit.BookableOn(date))
            .GroupBy(u => u.FacilityId).Select(g => new
            {
                FacilityId = g.Key,
                Beds = g.Sum(u => u.Beds),
                Extra = g.Sum(u => u.OpenFrom == null ? 0 : u.Beds),
            }).ToDictionaryAsync(x => x.FacilityId, ct);
        // Issue 30: per place, only its stays still running tonight (an ongoing one counts as ending on 9999-12-31, as in the
        // index of migration 20) and only its newest report: neither grows with the years of history behind tonight.
        var places = await db.Unscoped<Facility>().Select(f => new
        {
            f.Id,
            Occupied = db.Unscoped<Placement>().Count(p => p.FacilityId == f.Id
                && (p.EndDate ?? EF.Constant(StayDates.OpenEnd)) > date && p.StartDate <= date),
            LastReport = db.Unscoped<CapacityReport>().Where(r => r.FacilityId == f.Id).Max(r => (DateTimeOffset?)r.ReportedAt),
        }).ToListAsync(ct);
        var occupied = places.Where(p => p.Occupied > 0).ToDictionary(p => p.Id, p => p.Occupied);
        var reports = places.Where(p => p.LastReport is not null).ToDictionary(p => p.Id, p => p.LastReport!.Value);
        var now = clock.GetCurrentInstant().ToUtc();
        var held = await db.Unscoped<BedHold>().Where(h => h.Night == date && h.ReleasedAt == null && h.ExpiresAt > now)
            .GroupBy(h => h.FacilityId).Select(g => new { FacilityId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.FacilityId,
                x => x.N, ct);
        var reported = (await db.Unscoped<CapacityReport>().Where(r => r.Date == date).Select(r => r.FacilityId).ToListAsync(ct))
            .ToHashSet();
        return new Counts(beds.ToDictionary(x => x.Key, x => (x.Value.Beds, x.Value.Extra)), occupied, held, reports, reported,
            CountDueAt(night, policy));
    }

    public static List<FacilityAvailability> ComputeFor(IEnumerable<Facility> facilities, LocalDate night, IClock clock, Counts counts)
    {
        var now = clock.GetCurrentInstant();
        return facilities.Select(f =>
        {
            var (inService, extra) = counts.Beds.GetValueOrDefault(f.Id);
            var taken = counts.Occupied.GetValueOrDefault(f.Id);
            var holds = counts.Held.GetValueOrDefault(f.Id);
            DateTimeOffset? last = counts.LastReport.TryGetValue(f.Id, out var l) ? l : null;
            return new FacilityAvailability
            {
                FacilityId = f.Id,
                FacilityName = f.Name,
                Kind = f.Kind,
                LegalBasis = f.LegalBasis,
                MunicipalityId = f.MunicipalityId,
                GenderRestriction = f.GenderRestriction,
                MinAge = f.MinAge,
                MaxAge = f.MaxAge,
                Date = night.ToDateOnly(),
                BedsInService = inService,
                ExtraBeds = extra,
                BedsOccupied = taken,
                BedsHeld = holds,
                BedsFree = Math.Max(0, inService - taken - holds),
                LastReportedAt = last,
                ReportAgeMinutes = last is null ? null : (int)(now - last.Value.ToInstant()).TotalMinutes,
                ReportedTonight = counts.ReportedForNight.Contains(f.Id),
                CountOverdue = CountOverdue(counts.ReportedForNight.Contains(f.Id), now, counts.CountDueAt),
            };
        }).ToList();
    }
}
