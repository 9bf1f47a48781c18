using System.Data.Common;

namespace HousingCapacity.Api.Data;

/// <summary>
/// Applies the versioned SQL scripts under Data/Migrations/{provider}/ (embedded, named NNNN_name.sql) in
/// order, each in its own transaction (PostgreSQL's DDL is transactional too: a script that fails changes nothing), and
/// records the applied version in SchemaVersions. Each provider has its own numbered scripts, written by hand in its own
/// dialect; an older database is upgraded in place with its data kept.
/// </summary>
public sealed class SchemaMigrator(DbConnection connection, string provider)
{
    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(string provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"HousingCapacity.Api.Data.Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Script(int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture), file, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    public int LatestVersion => Scripts(provider).Max(s => s.Version);

    /// <summary>Brings the schema up to <paramref name="targetVersion"/> (default: the newest script).</summary>
    public async Task<int> MigrateAsync(int? targetVersion = null, CancellationToken ct = default)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        // Created only when missing: on PostgreSQL even CREATE TABLE IF NOT EXISTS needs the right to create, which the
        // application's login does not have when an owner manages the schema (it may still start on a schema that is current).
        if (!await VersionTableExistsAsync(ct))
            await ExecuteAsync("CREATE TABLE SchemaVersions (Version INTEGER PRIMARY KEY, Name TEXT NOT NULL, AppliedAt TEXT NOT NULL)",
                null, ct);
        var current = await CurrentVersionAsync(ct);
        foreach (var script in Scripts(provider).Where(s => s.Version > current && s.Version <= (targetVersion ?? int.MaxValue)))
        {
            // A script that rebuilds a table others refer to runs with foreign keys off (the pragma cannot change inside a
            // transaction, and dropping the old table would count every child row as a violation), and is checked before it commits.
            var rebuilds = provider == DatabaseOptions.Sqlite && script.Sql.Contains(RebuildsTables, StringComparison.Ordinal);
            var foreignKeys = rebuilds && await ScalarAsync("PRAGMA foreign_keys", ct) == 1;
            if (foreignKeys) await ExecuteAsync("PRAGMA foreign_keys = OFF", null, ct);
            try
            {
                await ApplyAsync(script, rebuilds, ct);
            }
            finally
            {
                if (foreignKeys) await ExecuteAsync("PRAGMA foreign_keys = ON", null, ct);
            }
            current = script.Version;
        }
        return current;
    }

    /// <summary>The marker of a script that rebuilds tables (see <see cref="MigrateAsync"/>).</summary>
    public const string RebuildsTables = "-- migrator: rebuilds tables";

    private async Task ApplyAsync(Script script, bool checkForeignKeys, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(script.Sql, tx, ct);
        if (checkForeignKeys)
        {
            await using var check = connection.CreateCommand();
            check.Transaction = tx;
            check.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await check.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
                throw new InvalidOperationException(
                    $"Migration {script.Name} would break a reference from {reader.GetString(0)}; nothing was changed.");
        }
        await using (var record = connection.CreateCommand())
        {
            record.Transaction = tx;
            record.CommandText = "INSERT INTO SchemaVersions (Version, Name, AppliedAt) VALUES (@v, @n, @t)";
            AddParameter(record, "@v", script.Version);
            AddParameter(record, "@n", script.Name);
            AddParameter(record, "@t", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<bool> VersionTableExistsAsync(CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = provider == DatabaseOptions.PostgreSql
            ? "SELECT to_regclass('schemaversions') IS NOT NULL"
            : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'SchemaVersions')";
        return Convert.ToBoolean(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> CurrentVersionAsync(CancellationToken ct = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(Version), 0) FROM SchemaVersions";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static DbParameter AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
        return p;
    }
}
