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

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private string Sql => $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {busyTimeoutMs};";

    private void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }
}
