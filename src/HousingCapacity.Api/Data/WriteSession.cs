using Microsoft.EntityFrameworkCore.Storage;

namespace HousingCapacity.Api.Data;

/// <summary>
/// The writes of one context: every write of the API begins here. On SQLite a write transaction begins once the context has the
/// file's place at the database's write gate (<see cref="HousingDatabase.WriteGate"/>, waited for without holding a thread); on
/// PostgreSQL it takes the advisory locks of its <see cref="WriteLock"/>, which hold across API processes until it ends. The
/// place is re-entrant per context (a save inside the context's own write does not queue behind itself) and is given up when the
/// transaction, or the context, is disposed. When the write ends the report cache drops again what the write changed.
/// </summary>
internal sealed class WriteSession(HousingDbContext db)
{
    private int _depth;
    private readonly List<AccessLogEntry> _keptEvenIfRefused = [];
    private SemaphoreSlim? Gate => db.Shared.WriteGate;

    /// <summary>The save step of the report cache, for this context's writes.</summary>
    public Reporting.ReportCacheOnSave ReportCache { get; } = new();

    /// <summary>
    /// One write of a request: a transaction from the first read to the save, in which competing writes are serialised so that
    /// the rules see the committed state. A refusal the write returns rolls it back, as one it throws does, and what the write
    /// logged to be kept even if refused is then saved on its own. On PostgreSQL a deadlock or serialization failure (which only
    /// a writer outside the API can cause) runs the write again from the start, up to three times.
    /// </summary>
    public async Task<Outcome<T>> RunAsync<T>(Func<Task<Outcome<T>>> write, CancellationToken ct, WriteLock? writeLock)
    {
        var joined = db.Database.CurrentTransaction is not null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Outcome<T> result;
                await using (var transaction = await BeginAsync(ct, writeLock))
                {
                    result = await write();
                    if (!result.IsRefused)
                    {
                        await db.SaveChangesAsync(ct);
                        await transaction.CommitAsync(ct);
                        _keptEvenIfRefused.Clear();
                        return result;
                    }
                }
                // Refused: the transaction is rolled back (a joined one by the $batch that began it, which sees the refusal).
                if (joined) return result;
                if (_keptEvenIfRefused.Count > 0) await SaveKeptEntriesAsync(ct);
                db.ChangeTracker.Clear();
                return result;
            }
            catch (Exception e) when (attempt < 3 && db.Database.CurrentTransaction is null && PostgreSqlFaults.IsRetryable(e))
            {
                db.ChangeTracker.Clear();
                _keptEvenIfRefused.Clear(); // the write runs again from the start, and logs again what it does
            }
            catch (Exception) when (!joined && _keptEvenIfRefused.Count > 0)
            {
                // Here the write's transaction has been rolled back: what must be kept is written on its own.
                await SaveKeptEntriesAsync(ct);
                throw;
            }
        }
    }

    /// <summary>See <see cref="HousingDbContext.LogEvenIfRefused"/>.</summary>
    public void LogEvenIfRefused(AccessLogEntry entry, bool onlyIfRefused)
    {
        if (!onlyIfRefused) db.AccessLog.Add(entry);
        _keptEvenIfRefused.Add(entry);
    }

    private async Task SaveKeptEntriesAsync(CancellationToken ct)
    {
        var kept = _keptEvenIfRefused.Select(e => new AccessLogEntry
        {
            At = e.At, UserName = e.UserName, Role = e.Role, MunicipalityCode = e.MunicipalityCode, Operation = e.Operation,
            Request = e.Request, Purpose = e.Purpose,
            Persons = e.Persons.Select(p => new AccessLogPerson { PersonId = p.PersonId }).ToList(),
        }).ToList();
        _keptEvenIfRefused.Clear();
        db.ChangeTracker.Clear();
        db.AccessLog.AddRange(kept);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A write transaction (joining one already begun, as the requests of a $batch change set do).</summary>
    public async Task<IDbContextTransaction> BeginAsync(CancellationToken ct, WriteLock? writeLock)
    {
        if (db.Database.CurrentTransaction is { } outer) return new JoinedTransaction(outer);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        if (Gate is { } gate && _depth == 0 && !await gate.WaitAsync(LockWaits.Limit(db.Shared.Options.BusyTimeoutMs), ct))
            throw LockWaits.TooLong();
        _depth++;
        try
        {
            if (Gate is not null)
            {
                Host.Telemetry.WriteLockWait.Record(waited.Elapsed.TotalMilliseconds);
                return new GatedTransaction(await db.Database.BeginTransactionAsync(ct), End);
            }
            var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
            await (writeLock ?? WriteLock.Database).TakeAsync(db, ct);
            Host.Telemetry.WriteLockWait.Record(waited.Elapsed.TotalMilliseconds);
            return new GatedTransaction(transaction, End);
        }
        catch
        {
            End();
            throw;
        }
    }

    private void End()
    {
        if (--_depth != 0) return;
        Gate?.Release();
        ReportCache.OnWriteEnded(db);
    }

    /// <summary>A context disposed while it still holds the gate (a transaction never disposed) gives its place up.</summary>
    public void ReleaseOnDispose()
    {
        if (_depth == 0) return;
        _depth = 0;
        Gate?.Release();
    }
}
