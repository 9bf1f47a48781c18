using Microsoft.Data.Sqlite;

namespace HousingCapacity.Benchmarks;

/// <summary>
/// <c>log-size --db FILE</c>: prints the access log's entries, the person references in them, and the bytes the database file
/// takes once its WAL is checkpointed (pages × page size), for load.sh to take the difference of around a run that writes
/// nothing but the access log. (The bundled SQLite has no dbstat table to measure one table with.)
/// </summary>
public static class LogSize
{
    public static async Task<int> RunAsync(string[] args)
    {
        var file = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--db FILE");
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadWrite");
        await connection.OpenAsync();
        async Task<long> Scalar(string sql)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
        var split = await Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'AccessLogPersons'") > 0;
        var entries = await Scalar("SELECT COUNT(*) FROM AccessLog");
        var persons = await Scalar(split ? "SELECT COUNT(*) FROM AccessLogPersons" : "SELECT COUNT(PersonId) FROM AccessLog");
        await Scalar("PRAGMA busy_timeout = 5000");
        await Scalar("PRAGMA wal_checkpoint(TRUNCATE)");
        var bytes = await Scalar("PRAGMA page_count") * await Scalar("PRAGMA page_size");
        Console.WriteLine($"{entries} {persons} {bytes}");
        return 0;
    }
}
