using System.Diagnostics;
using HousingCapacity.Api.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Benchmarks;

/// <summary>
/// An access log for a data set's history (issue 30), written by the growth benchmark's set-up: the seed writes none, since a
/// database with an access log cannot be seeded again (<c>seed --reset</c> refuses it). A thinned model of what the staff's
/// boards and check-ins write: for every stay, a line naming its person on the day it began and one for every week it ran (the
/// boards show a guest every night; once a week keeps the benchmark's set-up in minutes, and is still millions of lines for
/// the national sets). Each line is an entry with one person, as a read of one person writes (Security/AccessLog.cs).
/// </summary>
public static class AccessLogHistory
{
    /// <summary>Writes the lines once; a data set that has them is left as it is. Returns the lines written, or 0.</summary>
    public static async Task<long> WriteOnceAsync(HousingDbContext db, LocalDate today)
    {
        var postgreSql = db.Database.IsNpgsql();
        if (await db.Database.SqlQueryRaw<bool>(postgreSql ? PgWritten : SqliteWritten).SingleAsync()) return 0;
        var watch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var end = today.ToDateOnly();
        if (postgreSql)
        {
            await db.Database.ExecuteSqlRawAsync(PgEntries, end);
            await db.Database.ExecuteSqlRawAsync(PgPersons, end);
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"AccessLog\"; ANALYZE \"AccessLogPersons\"");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(SqliteEntries, end);
            await db.Database.ExecuteSqlRawAsync(SqlitePersons, end);
        }
        var lines = await db.Database.SqlQueryRaw<long>(postgreSql ? PgCount : SqliteCount).SingleAsync();
        Console.WriteLine($"  an access log of {lines} lines written in {watch.Elapsed.TotalSeconds:F0} s");
        return lines;
    }

    // Entry ids are (the stay's id + 1,000,000) × 1000 + the week (a stay of ten years has 522 weeks): above any id the API wrote.
    private const string SqliteWeeks = """
        WITH RECURSIVE w(Id, PersonId, Start, Stop, n) AS (
            SELECT Id, PersonId, StartDate, min(COALESCE(EndDate, {0}), {0}), 0 FROM Placements WHERE StartDate < {0}
            UNION ALL
            SELECT Id, PersonId, Start, Stop, n + 1 FROM w WHERE date(Start, '+' || (7 * (n + 1)) || ' days') < Stop)
        """;
    private const string SqliteEntries = SqliteWeeks + "\n" + """
        INSERT INTO AccessLog (Id, At, UserName, Role, MunicipalityCode, Operation, Request, Purpose)
        SELECT (Id + 1000000) * 1000 + n, date(Start, '+' || (7 * n) || ' days') || 'T20:00:00.0000000Z',
            'growth-history', 'ShelterStaff', NULL, CASE n WHEN 0 THEN 'Create' ELSE 'Read' END,
            CASE n WHEN 0 THEN 'POST /personale/tjek-ind' ELSE 'GET /personale' END,
            CASE n WHEN 0 THEN 'Side: Tjek ind' ELSE 'Side: Nattens tavle' END
        FROM w
        """;
    private const string SqlitePersons = SqliteWeeks + "\n" + """
        INSERT INTO AccessLogPersons (PersonId, EntryId) SELECT PersonId, (Id + 1000000) * 1000 + n FROM w
        """;
    private const string SqliteWritten = "SELECT EXISTS (SELECT 1 FROM AccessLog WHERE UserName = 'growth-history') AS Value";
    private const string SqliteCount = "SELECT count(*) AS Value FROM AccessLog WHERE UserName = 'growth-history'";

    private const string PgWeeks = """
        FROM "Placements" p CROSS JOIN LATERAL generate_series(0,
            (LEAST(COALESCE(p."EndDate", CAST({0} AS date)), CAST({0} AS date)) - p."StartDate" - 1) / 7) w(n)
        WHERE p."StartDate" < CAST({0} AS date)
        """;
    private const string PgEntries = """
        INSERT INTO "AccessLog" ("Id", "At", "UserName", "Role", "MunicipalityCode", "Operation", "Request", "Purpose")
        SELECT (p."Id"::bigint + 1000000) * 1000 + w.n, ((p."StartDate" + 7 * w.n) + TIME '20:00') AT TIME ZONE 'UTC',
            'growth-history', 'ShelterStaff', NULL, CASE w.n WHEN 0 THEN 'Create' ELSE 'Read' END,
            CASE w.n WHEN 0 THEN 'POST /personale/tjek-ind' ELSE 'GET /personale' END,
            CASE w.n WHEN 0 THEN 'Side: Tjek ind' ELSE 'Side: Nattens tavle' END
        """ + "\n" + PgWeeks;
    private const string PgPersons = """
        INSERT INTO "AccessLogPersons" ("PersonId", "EntryId")
        SELECT p."PersonId", (p."Id"::bigint + 1000000) * 1000 + w.n
        """ + "\n" + PgWeeks;
    private const string PgWritten = "SELECT EXISTS (SELECT 1 FROM \"AccessLog\" WHERE \"UserName\" = 'growth-history') AS \"Value\"";
    private const string PgCount = "SELECT count(*) AS \"Value\" FROM \"AccessLog\" WHERE \"UserName\" = 'growth-history'";
}
