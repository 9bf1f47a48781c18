using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace HousingCapacity.Api.Data;

/// <summary>
/// Group commit for the access log of reads. An answer with person data may not leave before its entry is committed; but a
/// write transaction per read queued every read behind SQLite's single write lock (issue 14: a 20-row list was 20 inserts in a
/// transaction of its own). Here a read hands its entry over and waits; the first waiting request that finds no batch being
/// written becomes the writer and inserts every entry that has arrived, in one transaction at the <see cref="SqliteWriteGate"/>;
/// entries that arrive meanwhile go in the next batch. At low load a batch is one entry and costs what it did; under load the
/// lock is taken once for many requests. Nothing runs while nothing is queued. A write's own entries do not come here: they
/// commit in the write's transaction (<see cref="HousingDbContext"/>).
/// </summary>
public sealed class AccessLogBatch
{
    private static readonly ConcurrentDictionary<string, AccessLogBatch> Batches = new(StringComparer.Ordinal);

    /// <summary>
    /// The batch of the context's database: its connections get the context's own settings (foreign keys, the configured busy
    /// timeout) and queue at the file's write gate.
    /// </summary>
    public static AccessLogBatch For(HousingDbContext db) => For(db.Database.GetConnectionString(),
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqlitePragmas>().FirstOrDefault());

    /// <summary>The batch of one database (by connection string).</summary>
    public static AccessLogBatch For(string? connectionString, SqlitePragmas? pragmas = null) =>
        Batches.GetOrAdd(connectionString ?? "", c => new AccessLogBatch(c, SqliteWriteGate.For(c), pragmas ?? SqlitePragmas.Default));

    private sealed record Pending(AccessLogEntry Entry, TaskCompletionSource Committed);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate;
    private readonly SqlitePragmas _pragmas;
    private readonly Lock _sync = new();
    private List<Pending> _queue = [];
    private bool _writing;

    private AccessLogBatch(string connectionString, SemaphoreSlim writeGate, SqlitePragmas pragmas) =>
        (_connectionString, _writeGate, _pragmas) = (connectionString, writeGate, pragmas);

    /// <summary>How many batches and entries have been committed (for the tests).</summary>
    public (long Batches, long Entries) Committed => (Interlocked.Read(ref _batches), Interlocked.Read(ref _entries));
    private long _batches, _entries;

    /// <summary>Entries handed over and not yet committed (or failed).</summary>
    public int Waiting => Volatile.Read(ref _waiting);
    private int _waiting;

    /// <summary>Completes when the entry is committed; throws when its batch could not be written (nothing is sent then).</summary>
    public Task WriteAsync(AccessLogEntry entry, CancellationToken ct)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        Interlocked.Increment(ref _waiting);
        lock (_sync)
        {
            _queue.Add(pending);
            lead = !_writing;
            _writing = true;
        }
        if (lead) _ = Task.Run(DrainAsync, CancellationToken.None);
        // A request given up still has its entry written: the log errs on the side of having logged.
        return pending.Committed.Task.WaitAsync(ct);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_sync)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (batch, _queue) = (_queue, []);
            }
            try
            {
                await InsertAsync(batch);
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _entries, batch.Count);
                Interlocked.Add(ref _waiting, -batch.Count);
                foreach (var p in batch) p.Committed.TrySetResult();
            }
            catch (Exception e)
            {
                Interlocked.Add(ref _waiting, -batch.Count);
                foreach (var p in batch) p.Committed.TrySetException(e);
            }
        }
    }

    private async Task InsertAsync(List<Pending> batch)
    {
        await _writeGate.WaitAsync();
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            await _pragmas.ApplyAsync(connection);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(); // BEGIN IMMEDIATE
            await using var entry = connection.CreateCommand();
            entry.Transaction = transaction;
            entry.CommandText = "INSERT INTO AccessLog (At, UserName, Role, MunicipalityCode, Operation, Request, Purpose) " +
                                "VALUES ($at, $user, $role, $municipality, $operation, $request, $purpose) RETURNING Id";
            var at = entry.Parameters.Add("$at", SqliteType.Text);
            var user = entry.Parameters.Add("$user", SqliteType.Text);
            var role = entry.Parameters.Add("$role", SqliteType.Text);
            var municipality = entry.Parameters.Add("$municipality", SqliteType.Integer);
            var operation = entry.Parameters.Add("$operation", SqliteType.Text);
            var request = entry.Parameters.Add("$request", SqliteType.Text);
            var purpose = entry.Parameters.Add("$purpose", SqliteType.Text);
            await using var person = connection.CreateCommand();
            person.Transaction = transaction;
            person.CommandText = "INSERT INTO AccessLogPersons (PersonId, EntryId) VALUES ($person, $entry)";
            var personId = person.Parameters.Add("$person", SqliteType.Integer);
            var entryId = person.Parameters.Add("$entry", SqliteType.Integer);
            foreach (var e in batch.Select(p => p.Entry))
            {
                at.Value = Converters.InstantToText(e.At);
                user.Value = e.UserName;
                role.Value = e.Role;
                municipality.Value = e.MunicipalityCode is { } code ? code : DBNull.Value;
                operation.Value = e.Operation;
                request.Value = e.Request;
                purpose.Value = e.Purpose is { } why ? why : DBNull.Value;
                entryId.Value = (long)(await entry.ExecuteScalarAsync())!;
                foreach (var p in e.Persons)
                {
                    personId.Value = p.PersonId;
                    await person.ExecuteNonQueryAsync();
                }
            }
            await transaction.CommitAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
