using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HousingCapacity.Api.Data;

/// <summary>
/// Per-connection SQLite settings: enforce foreign keys and wait (rather than fail) when another
/// connection holds the write lock. WAL mode is set once on the database file at start-up.
/// </summary>
public sealed class SqlitePragmas(int busyTimeoutMs) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default) => ApplyAsync(connection, cancellationToken);

    /// <summary>Applies the settings to a connection opened without EF Core (the access log's batches).</summary>
    public async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        BoundRetries(connection);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private string Sql => $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {busyTimeoutMs};";

    // Microsoft.Data.Sqlite retries a busy statement (BEGIN IMMEDIATE included) until the connection's default timeout, 30 s unless
    // set: bounded to the busy timeout, so that a lock held elsewhere is answered with 503 after about that long (LockWaits).
    private void BoundRetries(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
            sqlite.DefaultTimeout = LockWaits.CommandTimeoutSeconds(busyTimeoutMs);
    }

    private void Apply(DbConnection connection)
    {
        BoundRetries(connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }
}
