using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The save step that dates a correction of a closed month (issue 26.2): when a user's save changes what a month that has ended
/// counts — a stay's nights, its admission or its discharge, a capacity report, a turnaway, a support period, a waitlist entry
/// or an offer dated in that month — the month is marked corrected today for the municipality of the place or list, and its
/// report says "rettet" with the day. Today's work (a check-in, a discharge today, an offer answered today) touches only the
/// month under way. The system's own writes (the seed, the expiry job) mark nothing. Not marked: a unit or facility changed
/// (units have no history yet, so past capacity follows today's units) and a § 110 stay's weight in another municipality's
/// counting year.
/// </summary>
public static class ClosedMonthCorrections
{
    public const string Table = "ClosedMonthCorrections";

    private enum Owner { Facility, Placement, WaitlistEntry, Waitlist, Municipality }

    /// <summary>A stay's properties that belong to its discharge (counted in the month it ended); the others to its admission.</summary>
    private static readonly HashSet<string> DischargeProperties =
    [
        nameof(Placement.DischargeReason), nameof(Placement.Destination), nameof(Placement.FollowUpSupport),
        nameof(Placement.FollowUpDecidedOn), nameof(Placement.FollowUpDecidedBeforeDischarge), nameof(Placement.DischargeDecidedBy),
        nameof(Placement.DischargeCapacity), nameof(Placement.HousingSupportAfter107DecidedOn),
    ];

    public static async Task RecordAsync(HousingDbContext db, IReadOnlyList<EntityEntry<Entity>> changes, LocalDate today,
        CancellationToken ct)
    {
        var current = new YearMonth(today.Year, today.Month);
        var touched = changes.SelectMany(c => Touched(c, today)).Where(t => t.Month < current).Distinct().ToList();
        if (touched.Count == 0) return;
        var municipalities = await MunicipalitiesAsync(db, touched.Select(t => (t.Owner, t.Id)).Distinct().ToList(), ct);
        // An owner not saved yet (a support period of a stay made in the same save) is covered by the owner's own change. One
        // order for the rows, so that two saves cannot deadlock on them.
        foreach (var (municipality, month) in touched.Where(t => municipalities.ContainsKey((t.Owner, t.Id)))
                     .Select(t => (municipalities[(t.Owner, t.Id)], t.Month)).Distinct().Order())
        {
            var key = $"{month.Year:0000}-{month.Month:00}";
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "ClosedMonthCorrections" ("MunicipalityId", "Month", "CorrectedOn")
                    VALUES ({municipality}, {key}, {today.ToDateOnly()})
                    ON CONFLICT ("MunicipalityId", "Month") DO UPDATE SET "CorrectedOn" = excluded."CorrectedOn"
                    """, ct);
            else
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO ClosedMonthCorrections (MunicipalityId, Month, CorrectedOn)
                    VALUES ({municipality}, {key}, {today.ToString("yyyy-MM-dd", null)})
                    ON CONFLICT (MunicipalityId, Month) DO UPDATE SET CorrectedOn = excluded.CorrectedOn
                    """, ct);
        }
    }

    /// <summary>The day a municipality's month was last corrected after it ended, or null.</summary>
    public static async Task<LocalDate?> OfAsync(HousingDbContext db, int municipalityId, YearMonth month, CancellationToken ct)
    {
        var key = $"{month.Year:0000}-{month.Month:00}";
        var days = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<DateOnly>($"""
                SELECT "CorrectedOn" AS "Value" FROM "ClosedMonthCorrections"
                WHERE "MunicipalityId" = {municipalityId} AND "Month" = {key}
                """).ToListAsync(ct)
            : (await db.Database.SqlQuery<string>($"""
                SELECT CorrectedOn AS Value FROM ClosedMonthCorrections WHERE MunicipalityId = {municipalityId} AND Month = {key}
                """).ToListAsync(ct)).Select(DateOnly.Parse).ToList();
        return days.Count == 0 ? null : days[0].ToLocalDate();
    }

    private static IEnumerable<(Owner Owner, int Id, YearMonth Month)> Touched(EntityEntry<Entity> change, LocalDate today)
    {
        IEnumerable<(Owner, int, YearMonth)> Of(Owner owner, int id, IEnumerable<YearMonth> months) => months.Select(m => (owner, id, m));
        return change.Entity switch
        {
            Placement p => Of(Owner.Facility, p.FacilityId, StayMonths(change, today)),
            CapacityReport r => Of(Owner.Facility, r.FacilityId, DayMonths(change, true, nameof(CapacityReport.Date))),
            Turnaway t => Of(Owner.Facility, t.FacilityId, DayMonths(change, true, nameof(Turnaway.Date))),
            SupportPeriod s => Of(Owner.Placement, s.PlacementId, Span(change, nameof(SupportPeriod.StartDate), null, today)),
            Offer o => Of(Owner.WaitlistEntry, o.WaitlistEntryId, DayMonths(change, false, nameof(Offer.OfferedOn),
                nameof(Offer.AnsweredOn))),
            WaitlistEntry e => Of(Owner.Waitlist, e.WaitlistId, Span(change, nameof(WaitlistEntry.AppliedOn),
                nameof(WaitlistEntry.ClosedOn), today)),
            // A transition counts in the month of its night, by its outcome as it stood at the month's end.
            Transition t => Of(Owner.Municipality, t.MunicipalityId, DayMonths(change, true, nameof(Transition.LosesRoofOn))),
            _ => [],
        };
    }

    /// <summary>A stay: the months of the nights it gained or lost, and the month of its admission or its discharge when what
    /// belongs to them changed.</summary>
    private static IEnumerable<YearMonth> StayMonths(EntityEntry<Entity> change, LocalDate today)
    {
        var months = Span(change, nameof(Placement.StartDate), nameof(Placement.EndDate), today).ToList();
        if (change.State != EntityState.Modified) return months;
        var other = change.Properties.Where(p => p.IsModified && p.Metadata.Name is not (nameof(Entity.Version)
            or nameof(Placement.StartDate) or nameof(Placement.EndDate))).Select(p => p.Metadata.Name).ToList();
        var placement = (Placement)change.Entity;
        if (other.Any(p => !DischargeProperties.Contains(p))) months.Add(MonthOf(placement.StartDate.ToLocalDate()));
        if (other.Any(DischargeProperties.Contains)) months.Add(MonthOf(placement.EndDate?.ToLocalDate() ?? today));
        return months;
    }

    /// <summary>
    /// A record that runs from one day to another (or to today while open): a new or removed one touches every month it covers;
    /// a changed one the months between each day's old and new value.
    /// </summary>
    private static IEnumerable<YearMonth> Span(EntityEntry<Entity> change, string from, string? to, LocalDate today)
    {
        LocalDate Day(object? value) => value is DateOnly d ? d.ToLocalDate() : today;
        LocalDate Current(string? p) => p is null ? today : Day(change.Property(p).CurrentValue);
        LocalDate Original(string? p) => p is null ? today : Day(change.Property(p).OriginalValue);
        if (change.State is EntityState.Added) return Between(Current(from), Current(to));
        if (change.State is EntityState.Deleted) return Between(Original(from), Original(to));
        return new[] { from, to }.OfType<string>().Where(p => change.Property(p).IsModified)
            .SelectMany(p => Between(Original(p), Current(p)));
    }

    /// <summary>The months of a record's days: a new or removed record's, a changed record's that changed (old and new value), or
    /// with <paramref name="anyChange"/> all its days when anything about it changed (a capacity report's count, say).</summary>
    private static IEnumerable<YearMonth> DayMonths(EntityEntry<Entity> change, bool anyChange, params string[] properties) =>
        properties.Where(p => change.State != EntityState.Modified || anyChange || change.Property(p).IsModified)
            .SelectMany(p => new[] { change.Property(p).CurrentValue, change.State == EntityState.Added ? null
                : change.Property(p).OriginalValue }).OfType<DateOnly>().Select(d => MonthOf(d.ToLocalDate()));

    private static IEnumerable<YearMonth> Between(LocalDate a, LocalDate b)
    {
        var (first, last) = a <= b ? (MonthOf(a), MonthOf(b)) : (MonthOf(b), MonthOf(a));
        for (var m = first; m <= last; m = m.PlusMonths(1)) yield return m;
    }

    private static YearMonth MonthOf(LocalDate day) => new(day.Year, day.Month);

    private static async Task<Dictionary<(Owner, int), int>> MunicipalitiesAsync(HousingDbContext db, List<(Owner Owner, int Id)> owners,
        CancellationToken ct)
    {
        List<int> Ids(Owner owner) => owners.Where(o => o.Owner == owner).Select(o => o.Id).ToList();
        var (facilities, placements, entries, waitlists) = (Ids(Owner.Facility), Ids(Owner.Placement), Ids(Owner.WaitlistEntry),
            Ids(Owner.Waitlist));
        var result = new Dictionary<(Owner, int), int>();
        foreach (var f in await db.Unscoped<Facility>().Where(f => facilities.Contains(f.Id)).Select(f => new { f.Id, f.MunicipalityId })
                     .ToListAsync(ct))
            result[(Owner.Facility, f.Id)] = f.MunicipalityId;
        foreach (var p in await db.Unscoped<Placement>().Where(p => placements.Contains(p.Id))
                     .Select(p => new { p.Id, p.Facility!.MunicipalityId }).ToListAsync(ct))
            result[(Owner.Placement, p.Id)] = p.MunicipalityId;
        foreach (var e in await db.Unscoped<WaitlistEntry>().Where(e => entries.Contains(e.Id))
                     .Select(e => new { e.Id, e.Waitlist!.MunicipalityId }).ToListAsync(ct))
            result[(Owner.WaitlistEntry, e.Id)] = e.MunicipalityId;
        foreach (var w in await db.Unscoped<Waitlist>().Where(w => waitlists.Contains(w.Id)).Select(w => new { w.Id, w.MunicipalityId })
                     .ToListAsync(ct))
            result[(Owner.Waitlist, w.Id)] = w.MunicipalityId;
        foreach (var m in Ids(Owner.Municipality)) result[(Owner.Municipality, m)] = m;
        return result;
    }
}
