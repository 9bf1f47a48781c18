using Microsoft.Data.Sqlite;

namespace HousingCapacity.Api.Data;

/// <summary>
/// Group commit for the access log of reads. An answer with person data may not leave before its entry is committed; but a
/// write transaction per read queued every read behind SQLite's single write lock (issue 14: a 20-row list was 20 inserts in a
/// transaction of its own). Here a read hands its entry over and waits; the first waiting request that finds no batch being
/// written becomes the writer and inserts every entry that has arrived, in one transaction at the write gate (<see
/// cref="HousingDatabase.WriteGate"/>);
/// entries that arrive meanwhile go in the next batch. At low load a batch is one entry and costs what it did; under load the
/// lock is taken once for many requests. Nothing runs while nothing is queued. A write's own entries do not come here: they
/// commit in the write's transaction (<see cref="HousingDbContext"/>).
/// </summary>
public sealed class AccessLogBatch
{
    private sealed record Pending(AccessLogEntry Entry, TaskCompletionSource Committed);

    private readonly string _connectionString;
    // The bound on the batch's lock waits (LockWaits): at the gate on SQLite, PostgreSQL's lock_timeout.
    private readonly int _busyTimeoutMs;
    // SQLite only (null on PostgreSQL, where batches of several processes commit side by side).
    private readonly SemaphoreSlim? _writeGate;
    private readonly SqlitePragmas? _pragmas;
    private readonly Lock _sync = new();
    private List<Pending> _queue = [];
    private bool _writing;

    /// <summary>The batch of one database: its connections get the database's settings and, on SQLite, queue at its write gate
    /// (<see cref="HousingDatabase"/>).</summary>
    public AccessLogBatch(DatabaseOptions options, SemaphoreSlim? writeGate, SqlitePragmas? pragmas) =>
        (_connectionString, _writeGate, _pragmas, _busyTimeoutMs) = (options.ConnectionString, writeGate, pragmas, options.BusyTimeoutMs);

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
                Host.Telemetry.AccessLogBatchSize.Record(batch.Count);
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
        if (_writeGate is null)
        {
            await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await InsertAsync(connection, batch, e => e.At.ToDateTimeOffset(), LockWaits.SetLocalLockTimeout(_busyTimeoutMs));
            return;
        }
        if (!await _writeGate.WaitAsync(LockWaits.Limit(_busyTimeoutMs))) throw LockWaits.TooLong();
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            await _pragmas!.ApplyAsync(connection);
            await InsertAsync(connection, batch, e => Converters.InstantToText(e.At));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// The batch in one transaction (on SQLite BEGIN IMMEDIATE); <paramref name="at"/> is the instant as the provider stores it.
    /// </summary>
    private static async Task InsertAsync(System.Data.Common.DbConnection connection, List<Pending> batch, Func<AccessLogEntry, object> at,
        string? first = null)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        if (first is not null)
        {
            await using var setting = connection.CreateCommand();
            setting.Transaction = transaction;
            setting.CommandText = first;
            await setting.ExecuteNonQueryAsync();
        }
        await using var entry = connection.CreateCommand();
        entry.Transaction = transaction;
        entry.CommandText = """
            INSERT INTO "AccessLog" ("At", "UserName", "Role", "MunicipalityCode", "Operation", "Request", "Purpose")
            VALUES (@at, @user, @role, @municipality, @operation, @request, @purpose) RETURNING "Id"
            """;
        var values = new[] { "@at", "@user", "@role", "@municipality", "@operation", "@request", "@purpose" }
            .Select(name => SchemaMigrator.AddParameter(entry, name, DBNull.Value)).ToArray();
        await using var person = connection.CreateCommand();
        person.Transaction = transaction;
        person.CommandText = """INSERT INTO "AccessLogPersons" ("PersonId", "EntryId") VALUES (@person, @entry)""";
        var personId = SchemaMigrator.AddParameter(person, "@person", DBNull.Value);
        var entryId = SchemaMigrator.AddParameter(person, "@entry", DBNull.Value);
        foreach (var e in batch.Select(p => p.Entry))
        {
            values[0].Value = at(e);
            values[1].Value = e.UserName;
            values[2].Value = e.Role;
            values[3].Value = e.MunicipalityCode is { } code ? code : DBNull.Value;
            values[4].Value = e.Operation;
            values[5].Value = e.Request;
            values[6].Value = e.Purpose is { } why ? why : DBNull.Value;
            entryId.Value = Convert.ToInt64(await entry.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var p in e.Persons)
            {
                personId.Value = p.PersonId;
                await person.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }
}
