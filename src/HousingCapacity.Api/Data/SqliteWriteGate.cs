using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace HousingCapacity.Api.Data;

/// <summary>
/// One writer at a time per SQLite file, waited for asynchronously. SQLite has a single write lock; a connection that waits
/// for it does so inside sqlite3_step (the busy timeout) or in Microsoft.Data.Sqlite's retry loop, both of which block a
/// thread-pool thread. Under load, dozens of writers (and person reads, which write the access log) blocked threads that way
/// until the pool starved and Kestrel could not read requests (issue 10, finding 10). Writers of this process now queue on
/// this gate, holding no thread while they wait; the busy timeout is left for other processes on the same file.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string? connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString ?? "").DataSource;
        var key = string.IsNullOrEmpty(source) || source.Contains(":memory:", StringComparison.Ordinal) || source.StartsWith("file:", StringComparison.Ordinal)
            ? source
            : Path.GetFullPath(source);
        return Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
    }
}

/// <summary>A write transaction that holds the context's place at the <see cref="SqliteWriteGate"/> until it is disposed.</summary>
internal sealed class GatedTransaction(IDbContextTransaction inner, Action release) : IDbContextTransaction
{
    private int _released;

    public Guid TransactionId => inner.TransactionId;
    public void Commit() => inner.Commit();
    public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);
    public void Rollback() => inner.Rollback();
    public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

    public void Dispose()
    {
        inner.Dispose();
        Release();
    }

    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        Release();
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release();
    }
}

/// <summary>
/// A write inside a transaction already begun (the requests of one $batch change set): it joins it, and the one who began
/// the transaction commits or rolls back.
/// </summary>
internal sealed class JoinedTransaction(IDbContextTransaction outer) : IDbContextTransaction
{
    public Guid TransactionId => outer.TransactionId;
    public void Commit() { }
    public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public void Rollback() { }
    public Task RollbackAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public void Dispose() { }
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
