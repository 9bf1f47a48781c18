namespace HousingCapacity.Api.Data;

/// <summary>
/// What a write transaction on PostgreSQL locks, with transaction-level advisory locks that every API process on the database
/// shares (SQLite needs none of this: the file has one writer at a time). By default a write takes the database's write lock
/// alone, so that writes run one after the other, as on SQLite, and every rule sees the committed state. An allocation takes it
/// shared, with its facility and its person exclusively: allocations at different facilities run side by side, two at one
/// facility (the last bed) or for one person run one after the other, and every other write still waits for all of them.
/// Advisory locks rather than SERIALIZABLE: a race for the last bed then has one winner and losers that are refused, not 32
/// transactions of which 31 fail and are run again; and rather than row locks: a lock on a facility covers the unit the
/// allocation will choose before it has chosen it. The database's own guards lock the unit's row as well (migration 0002).
/// </summary>
public sealed record WriteLock(int? FacilityId, int? PersonId)
{
    /// <summary>The database's write lock, exclusively: nothing else writes meanwhile.</summary>
    public static readonly WriteLock Database = new(null, null);

    public static WriteLock Allocation(int facilityId, int personId) => new(facilityId, personId);

    // The two-key form of pg_advisory_xact_lock: (kind, id), apart from the one-key locks of PostgreSqlSchema.
    private const int DatabaseKind = 1, FacilityKind = 2, PersonKind = 3;

    internal async Task TakeAsync(HousingDbContext db, CancellationToken ct)
    {
        // Every lock wait of the write transaction is bounded (LockWaits): a table or advisory lock held elsewhere gives 503.
        var timeout = LockWaits.LockTimeout(db.Shared.Options.BusyTimeoutMs);
        if (FacilityId is not { } facility || PersonId is not { } person)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT set_config('lock_timeout', {timeout}, true), pg_advisory_xact_lock({DatabaseKind}, 0)", ct);
            return;
        }
        // Always in this order (database, facility, person), so two allocations never wait for each other in a circle: one
        // round trip, its statements run one after the other.
        await db.Database.ExecuteSqlAsync($"""
            SELECT set_config('lock_timeout', {timeout}, true);
            SELECT pg_advisory_xact_lock_shared({DatabaseKind}, 0);
            SELECT pg_advisory_xact_lock({FacilityKind}, {facility});
            SELECT pg_advisory_xact_lock({PersonKind}, {person});
            """, ct);
    }
}
