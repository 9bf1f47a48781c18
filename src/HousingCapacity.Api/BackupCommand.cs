using HousingCapacity.Api.Host;
using Microsoft.Data.Sqlite;

namespace HousingCapacity.Api;

/// <summary>
/// <c>backup --to FILE</c> (issue 29.4): a copy of the configured SQLite database made with SQLite's online backup API, consistent
/// as of one moment while the API goes on writing (WAL: the copy reads a snapshot and writers do not wait for it). The copy is
/// checked with <see cref="VerifyBackupCommand"/> before the command says it is done. PostgreSQL is backed up with pg_dump (see
/// docs/operations.md); this command refuses it.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (CommandHost.Value(args, "--to") is not { Length: > 0 } file)
        {
            Console.Error.WriteLine("Usage: backup --to FILE   (a new file: an existing one is not overwritten)");
            return ExitCodes.Usage;
        }
        var options = CommandHost.Database(args);
        if (!options.IsSqlite)
        {
            Console.Error.WriteLine("backup copies a SQLite database. Back PostgreSQL up with pg_dump (docs/operations.md), then check " +
                                    "the restored copy with verify-backup.");
            return ExitCodes.Refused;
        }
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            Console.Error.WriteLine($"{target} exists already: give a new file.");
            return ExitCodes.Refused;
        }
        var started = DateTime.UtcNow;
        try
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder(options.ConnectionString)
                { Mode = SqliteOpenMode.ReadOnly }.ToString());
            await source.OpenAsync();
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }
                             .ToString()))
            {
                await copy.OpenAsync();
                // One step, under one read snapshot: the copy is the database as of one commit.
                source.BackupDatabase(copy);
                // A self-contained file: no -wal beside it.
                await using var journal = copy.CreateCommand();
                journal.CommandText = "PRAGMA journal_mode = DELETE";
                await journal.ExecuteNonQueryAsync();
            }
        }
        catch (SqliteException e)
        {
            Console.Error.WriteLine($"The backup could not be made: {OData.Privacy.Scrub(e.Message)}");
            return ExitCodes.DatabaseUnavailable;
        }
        Console.WriteLine($"Backed up to {target} in {(DateTime.UtcNow - started).TotalSeconds:F1} s. Checking it:");
        return await VerifyBackupCommand.VerifyAsync(args, $"Data Source={target}", DatabaseOptions.Sqlite);
    }
}
