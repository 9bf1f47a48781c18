using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The figures of closed months, per database, municipality and month, so that the committee's page, JSON, CSV and PDF of a
/// month already asked for come at once (issue 14). A month is cached only once it has ended, and is dropped by any save that
/// can change it (<see cref="Invalidate"/>, called by the database context at the save and again when its transaction ends):
/// <list type="bullet">
/// <item>a stay, support period, capacity report or turnaway drops every month from the month of its earliest date (old or new
/// value) on, in every municipality (a §110 stay elsewhere counts in a person's counting year);</item>
/// <item>the catalogue (municipality, facility, unit), a person changed, and waitlists (whose figures count today's statuses)
/// drop everything;</item>
/// <item>a person registered, a bed hold and the access log drop nothing.</item>
/// </list>
/// A figure computed while a save ran is not kept (<see cref="Generation"/>). The rendered PDF of cached figures is kept with
/// them. On PostgreSQL, where several API processes share the database, each save also announces what it drops (NOTIFY, sent
/// when its transaction commits) and every process drops the same (<see cref="ReportCacheListener"/>); the cache is off
/// (<see cref="Enabled"/>) while a process is not listening, since it could miss another's save. On SQLite it is per process:
/// run one API process per file, as README says.
/// </summary>
public sealed class MonthlyFiguresCache
{
    private readonly ConcurrentDictionary<(int Code, YearMonth Month), MonthlyFigures> _figures = new();
    private readonly ConditionalWeakTable<MonthlyFigures, byte[]> _pdfs = new();
    private long _generation;

    /// <summary>Changes with every invalidation: figures begun before one are not stored after it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Whether months are kept at all (off on PostgreSQL while this process does not hear the others' saves).</summary>
    public bool Enabled
    {
        get => Volatile.Read(ref _enabled);
        set
        {
            Invalidate(Invalidation.All);
            Volatile.Write(ref _enabled, value);
        }
    }
    private bool _enabled = true;

    public bool TryGet(int code, YearMonth month, out MonthlyFigures figures)
    {
        figures = null!;
        return Enabled && _figures.TryGetValue((code, month), out figures!);
    }

    public void Store(int code, YearMonth month, MonthlyFigures figures, long generationAtStart)
    {
        if (!Enabled || Generation != generationAtStart) return;
        _figures[(code, month)] = figures;
        // An invalidation between the check and the store: drop what may be stale.
        if (Generation != generationAtStart) _figures.TryRemove((code, month), out _);
    }

    /// <summary>The PDF of these figures, rendered once for as long as the figures live (a cached month's: until dropped).</summary>
    public byte[] PdfOf(MonthlyFigures figures) => _pdfs.GetValue(figures, Pdf.MonthlyReportPdf.Render);

    /// <summary>What a save's changes drop: nothing, the months from a month on, or everything (null month).</summary>
    public readonly record struct Invalidation(bool Any, YearMonth? From)
    {
        public static readonly Invalidation None = new(false, null);
        public static readonly Invalidation All = new(true, null);

        /// <summary>As sent to the other processes: "all" or the first month dropped ("2026-10").</summary>
        public string Payload => From is { } from ? $"{from.Year:0000}-{from.Month:00}" : "all";

        public static Invalidation FromPayload(string payload) =>
            payload.Length == 7 && int.TryParse(payload[..4], out var year) && int.TryParse(payload[5..], out var month)
                && month is >= 1 and <= 12
                ? new(true, new YearMonth(year, month))
                : All;

        public Invalidation With(Invalidation other) =>
            !other.Any ? this : !Any ? other
            : From is null || other.From is null ? All : new(true, From < other.From ? From : other.From);
    }

    /// <summary>
    /// What a change to each kind of record does to the cached months, declared for every record of the EF model (a record not
    /// declared fails at its first save and in <c>ReportCacheTests</c>): the months from its earliest date on, every month, or none.
    /// </summary>
    public static readonly IReadOnlyDictionary<Type, Func<EntityEntry<Entity>, Invalidation>> Invalidates =
        new Dictionary<Type, Func<EntityEntry<Entity>, Invalidation>>
        {
            [typeof(Placement)] = c => FromMonthOf(c, nameof(Placement.StartDate)),
            [typeof(SupportPeriod)] = c => FromMonthOf(c, nameof(SupportPeriod.StartDate)),
            [typeof(CapacityReport)] = c => FromMonthOf(c, nameof(CapacityReport.Date)),
            [typeof(Turnaway)] = c => FromMonthOf(c, nameof(Turnaway.Date)),
            // A stay known by notice counts in its person's counting year from its first night.
            [typeof(NoticedStay)] = c => FromMonthOf(c, nameof(NoticedStay.StartDate)),
            // The catalogue and the waitlists are read by every month's figures.
            [typeof(Municipality)] = _ => Invalidation.All,
            [typeof(Facility)] = _ => Invalidation.All,
            [typeof(Unit)] = _ => Invalidation.All,
            [typeof(Waitlist)] = _ => Invalidation.All,
            [typeof(WaitlistEntry)] = _ => Invalidation.All,
            [typeof(Offer)] = _ => Invalidation.All,
            // The report's methodology cites the youth policy in force.
            [typeof(YouthPolicy)] = _ => Invalidation.All,
            // A new person has no stay yet; a changed one (an age, a merge) may change any month's counts.
            [typeof(Person)] = c => c.State == EntityState.Added ? Invalidation.None : Invalidation.All,
            // A hold is tonight's, never a month's figure.
            [typeof(BedHold)] = _ => Invalidation.None,
            // A transition counts in the month of its night (issue 28.3).
            [typeof(Transition)] = c => FromMonthOf(c, nameof(Transition.LosesRoofOn)),
            // Extra beds open and close with their unit (a unit's change reads every month), never for a night already past.
            [typeof(ExtraBeds)] = _ => Invalidation.All,
        };

    public static Invalidation Of(IEnumerable<EntityEntry<Entity>> changes)
    {
        var result = Invalidation.None;
        foreach (var change in changes)
        {
            var type = change.Entity.GetType();
            result = result.With(Invalidates.TryGetValue(type, out var invalidates) ? invalidates(change)
                : throw new InvalidOperationException($"{type.Name} is not declared in MonthlyFiguresCache.Invalidates."));
            if (result == Invalidation.All) break;
        }
        return result;
    }

    private static Invalidation FromMonthOf(EntityEntry<Entity> change, string property) =>
        Dates(change, property) is { Count: > 0 } dates ? new Invalidation(true, dates.Min(d => new YearMonth(d.Year, d.Month)))
            : Invalidation.All;

    private static List<DateOnly> Dates(EntityEntry<Entity> change, string property)
    {
        var p = change.Property(property);
        return new[] { p.CurrentValue, change.State == EntityState.Added ? null : p.OriginalValue }.OfType<DateOnly>().ToList();
    }

    public void Invalidate(Invalidation what)
    {
        if (!what.Any) return;
        Interlocked.Increment(ref _generation);
        foreach (var key in _figures.Keys)
            if (what.From is not { } from || key.Month >= from) _figures.TryRemove(key, out _);
    }
}
