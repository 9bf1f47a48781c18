using HousingCapacity.Api.Data;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The save step of the report cache, one per context: the closed months a save's changes can alter
/// (<see cref="MonthlyFiguresCache.Invalidates"/>) are dropped at the save, and again when the context's write ends (a report
/// read between the two saw the data before the change). On PostgreSQL the other processes are told in the same transaction
/// (<see cref="ReportCacheListener"/>), so that they drop the same once it commits.
/// </summary>
public sealed class ReportCacheOnSave
{
    private MonthlyFiguresCache.Invalidation _pending = MonthlyFiguresCache.Invalidation.None;

    /// <summary>The invalidation still to repeat when the write ends.</summary>
    public MonthlyFiguresCache.Invalidation Pending => _pending;

    public async Task OnSaveAsync(HousingDbContext db, IReadOnlyList<EntityEntry<Entity>> changes, CancellationToken ct)
    {
        var invalidation = MonthlyFiguresCache.Of(changes);
        CacheOf(db).Invalidate(invalidation);
        _pending = _pending.With(invalidation);
        if (invalidation.Any && db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({ReportCacheListener.Channel}, {invalidation.Payload})", ct);
    }

    public void OnWriteEnded(HousingDbContext db)
    {
        if (!_pending.Any) return;
        CacheOf(db).Invalidate(_pending);
        _pending = MonthlyFiguresCache.Invalidation.None;
    }

    private static MonthlyFiguresCache CacheOf(HousingDbContext db) => db.Shared.Reports;
}
