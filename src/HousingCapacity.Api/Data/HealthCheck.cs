namespace HousingCapacity.Api.Data;

/// <summary>
/// GET /health: whether the database answers a query now, and whether a write could take the locks it needs within
/// <c>Database:BusyTimeoutMs</c> (issue 23: while another process held the write lock, /health said ok and every write waited).
/// The answer names what is wrong: <c>database unavailable</c> or <c>database locked</c>.
/// </summary>
public static class HealthCheck
{
    public sealed record Status(bool Ok, string Text);

    public static async Task<Status> CheckAsync(HousingDbContext db, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5) + LockWaits.Limit(db.Shared.Options.BusyTimeoutMs));
        try
        {
            if (await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\"").SingleAsync(timeout.Token) != 1)
                return new(false, "database unavailable");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or OperationCanceledException or InvalidOperationException
                                      or TimeoutException)
        {
            return new(false, "database unavailable");
        }
        try
        {
            // A write transaction taken and given back at once, as every write takes it: our own gate and SQLite's write lock, or
            // on PostgreSQL the write lock (which bounds the transaction's lock waits) and the row-exclusive locks a write needs on
            // the tables (refused while a LOCK TABLE holds one).
            await using (var transaction = await db.BeginWriteAsync(timeout.Token))
            {
                if (db.Database.IsNpgsql())
                    await db.Database.ExecuteSqlAsync($"""
                        LOCK TABLE "Persons", "Placements", "CapacityReports", "Turnaways", "BedHolds", "AccessLog", "AccessLogPersons"
                            IN ROW EXCLUSIVE MODE
                        """, timeout.Token);
                await transaction.RollbackAsync(timeout.Token);
            }
            return new(true, "ok");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or OperationCanceledException or InvalidOperationException
                                      or TimeoutException)
        {
            return new(false, DatabaseGuards.Classify(e) is { Kind: RefusalKind.Unavailable } && e is not OperationCanceledException
                ? "database locked: a write could not take its lock within Database:BusyTimeoutMs"
                : "database unavailable");
        }
    }
}
