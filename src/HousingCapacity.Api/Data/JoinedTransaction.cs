using Microsoft.EntityFrameworkCore.Storage;

namespace HousingCapacity.Api.Data;

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
