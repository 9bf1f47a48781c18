using Microsoft.EntityFrameworkCore.Storage;

namespace HousingCapacity.Api.Data;

/// <summary>
/// A write transaction that holds the context's place at the database's write gate (<see cref="HousingDatabase.WriteGate"/>) (SQLite) until
/// it is disposed; on
/// PostgreSQL its advisory locks (<see cref="WriteLock"/>) end with it, and the release only ends the context's write.
/// </summary>
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
