using System.Data.Common;
using HousingCapacity.Api.Host;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HousingCapacity.Api;

/// <summary>
/// <c>verify-backup FILE</c> (a SQLite copy), or <c>verify-backup</c> alone for the configured database (a PostgreSQL database
/// restored with pg_restore, say): opens it read-only and never changes it, and checks that it is whole (SQLite's integrity check),
/// that its schema is the version this build writes, and that the configured CPR keys read every CPR number in it (decrypt, and
/// hash to the look-up hash stored). Prints the rows of each table. Exit 0 when every check passes, 1 when one fails (the copy is
/// not to be trusted as it is), 3 when it cannot be opened.
/// </summary>
public static class VerifyBackupCommand
{
    /// <summary>Every table of records, the catalogue first, and the access log.</summary>
    private static readonly string[] Tables = [.. DatabaseSetup.RecordTables.Reverse(), "AccessLog"];

    public static Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() is { } file && !file.StartsWith('-'))
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"{Path.GetFullPath(file)} does not exist.");
                return Task.FromResult(ExitCodes.DatabaseUnavailable);
            }
            return VerifyAsync(args, $"Data Source={Path.GetFullPath(file)}", DatabaseOptions.Sqlite);
        }
        var options = CommandHost.Database(args);
        return VerifyAsync(args, options.ConnectionString, options.Scripts);
    }

    public static async Task<int> VerifyAsync(string[] args, string connectionString, string provider)
    {
        var cpr = CprProtection.From(CommandHost.Configuration(args).GetSection("Security").Get<CprKeyOptions>() ?? new(),
            allowDevelopmentKeys: CommandHost.IsDevelopment);
        var failures = new List<string>();
        try
        {
            await using DbConnection connection = provider == DatabaseOptions.PostgreSql
                ? new NpgsqlConnection(connectionString)
                : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString)
                    { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync();
            if (connection is SqliteConnection)
            {
                var integrity = Convert.ToString(await ScalarAsync(connection, "PRAGMA integrity_check"));
                Report("integrity", integrity == "ok", integrity ?? "no answer", failures);
            }
            var migrator = new SchemaMigrator(connection, provider);
            var version = await migrator.CurrentVersionAsync();
            Report("schema", version == migrator.LatestVersion, $"version {version} (this build: {migrator.LatestVersion})", failures);
            foreach (var table in Tables)
                Console.WriteLine($"  {table}: {await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table}\"")} rows");
            var (read, wrong) = await CprNumbersAsync(connection, cpr);
            Report("cpr-keys", wrong == 0, wrong == 0 ? $"the configured keys read all {read} CPR numbers"
                : $"{wrong} of {read + wrong} CPR numbers do not read with the configured keys (other keys?)", failures);
        }
        catch (DbException e)
        {
            Console.Error.WriteLine($"The copy could not be read: {OData.Privacy.Scrub(e.Message)}");
            return ExitCodes.DatabaseUnavailable;
        }
        if (failures.Count == 0)
        {
            Console.WriteLine("The copy is whole and readable with the configured keys.");
            return ExitCodes.Done;
        }
        Console.Error.WriteLine($"The copy failed: {string.Join(", ", failures)}.");
        return ExitCodes.Refused;
    }

    private static void Report(string check, bool ok, string found, List<string> failures)
    {
        Console.WriteLine($"{(ok ? "ok    " : "FAILED")} {check}: {found}");
        if (!ok) failures.Add(check);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Every stored CPR number decrypted with the encryption key and hashed with the look-up key, in id order.</summary>
    private static async Task<(int Read, int Wrong)> CprNumbersAsync(DbConnection connection, CprProtection cpr)
    {
        var (read, wrong) = (0, 0);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Cpr", "CprHash" FROM "Persons" WHERE "Cpr" IS NOT NULL ORDER BY "Id" """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (cpr.KeyThatFails(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) is null) read++;
            else wrong++;
        return (read, wrong);
    }
}
