using Npgsql;

namespace HousingCapacity.Api.Data;

/// <summary>
/// Creates or upgrades the PostgreSQL schema (Data/Migrations/PostgreSQL/) and grants the application's login its rights. Several
/// API processes may start at once: the first takes an advisory lock and migrates, the others wait for it and find nothing to do.
/// </summary>
public static class PostgreSqlSchema
{
    /// <summary>The advisory lock keys of this application (one 64-bit space per database; "HC" in the high bytes).</summary>
    public const long MigrationLock = 0x4843_0001, BackgroundWorkLock = 0x4843_0002, SeedLock = 0x4843_0003;

    public static async Task<int> MigrateAsync(string connectionString, string? ownerConnectionString, CprProtection keys,
        CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString ?? connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLock})", ct);
        try
        {
            var version = await new SchemaMigrator(connection, DatabaseOptions.PostgreSql).MigrateAsync(ct: ct);
            await DatabaseSetup.ProtectClearTextCprAsync(connection, keys, ct);
            if (ownerConnectionString is not null)
                await GrantAsync(connection, new NpgsqlConnectionStringBuilder(connectionString).Username
                    ?? throw new StartupRefusedException("Database:ConnectionString names no Username for the application's login."), ct);
            return version;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLock})", ct);
        }
    }

    /// <summary>
    /// The application's login may read and write the records, but only read and add to the access log (its lines leave only
    /// through "PurgeAccessLog", which runs with the owner's rights). Run after every migration, so that new tables are covered.
    /// </summary>
    public static async Task GrantAsync(NpgsqlConnection owner, string login, CancellationToken ct = default)
    {
        var role = "\"" + login.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await ExecuteAsync(owner, $"""
            GRANT USAGE ON SCHEMA {SchemaName} TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {SchemaName} TO {role};
            REVOKE UPDATE, DELETE, TRUNCATE ON "AccessLog", "AccessLogPersons", "AccessLogPurges", schemaversions FROM {role};
            REVOKE INSERT ON schemaversions FROM {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {SchemaName} TO {role};
            GRANT EXECUTE ON FUNCTION "PurgeAccessLog"(timestamptz, integer, text) TO {role};
            """, ct);
    }

    // The schema the tables live in: the database's public schema (README: create a database for the application).
    private const string SchemaName = "public";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
