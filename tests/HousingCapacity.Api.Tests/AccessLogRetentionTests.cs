using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// AccessLog:RetentionMonths (issue 14): the purge removes only entries older than the limit, records itself and logs itself;
/// nothing younger than six months can be removed, not even straight in the database.
/// </summary>
public class AccessLogRetentionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>An entry naming a person, written straight into the file as of <paramref name="at"/>.</summary>
    private async Task<long> EntryAtAsync(Instant at, int personId)
    {
        await using var connection = await api.Database.OpenConnectionAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO "AccessLog" ("At", "UserName", "Role", "Operation", "Request")
            VALUES (@at, 'old-officer', 'HousingOfficer', 'Read', 'GET /odata/Persons(1)') RETURNING "Id"
            """;
        Add(insert, "@at", api.Database.IsPostgreSql ? at.ToDateTimeOffset() : Api.Data.Converters.InstantToText(at));
        var id = Convert.ToInt64(await insert.ExecuteScalarAsync());
        await using var person = connection.CreateCommand();
        person.CommandText = """INSERT INTO "AccessLogPersons" ("PersonId", "EntryId") VALUES (@p, @e)""";
        Add(person, "@p", personId);
        Add(person, "@e", id);
        await person.ExecuteNonQueryAsync();
        return id;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    [Fact]
    public async Task Purge_RemovesOnlyWhatIsOlderThanTheLimit_AndRecordsAndLogsItself()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var old = await EntryAtAsync(now - Duration.FromDays(400), 1);
        var young = await EntryAtAsync(now - Duration.FromDays(100), 1);

        await using (var db = api.NewDb())
            Assert.True(await AccessLogRetention.PurgeAsync(db, 12, now, default) >= 1);

        await using var after = api.NewDb();
        Assert.False(await after.AccessLogLines.AnyAsync(l => l.Id == old));
        Assert.True(await after.AccessLogLines.AnyAsync(l => l.Id == young && l.PersonId == 1));
        var purge = await after.AccessLog.OrderByDescending(e => e.Id).FirstAsync();
        Assert.StartsWith("PurgeAccessLog before ", purge.Operation);
        Assert.Equal("system:direct", purge.UserName);

        // The limit the purge recorded does not open anything younger: the 100-day-old line still cannot be deleted.
        foreach (var sql in new[] { $"""DELETE FROM "AccessLogPersons" WHERE "EntryId" = {young}""",
                     $"""DELETE FROM "AccessLog" WHERE "Id" = {young}""" })
            Assert.Contains("AccessLogAppendOnly",
                (await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => api.Database.ExecuteAsync(sql))).Message);
    }

    /// <summary>The shortest retention allowed is allowed: the limit is midnight of the day six months back, never later than
    /// the database's own "now, -6 months" (it failed on the instant itself, found by running the command).</summary>
    [Fact]
    public async Task APurgeOfExactlySixMonths_IsLetThrough()
    {
        await using var db = api.NewDb();
        await AccessLogRetention.PurgeAsync(db, AccessLogRetention.MinimumMonths, SystemClock.Instance.GetCurrentInstant(), default);
        await using var after = api.NewDb();
        Assert.True(await after.AccessLog.AnyAsync(e => e.Operation.StartsWith("PurgeAccessLog before ")));
    }

    [Fact]
    public async Task APurgeOfLessThanSixMonths_IsRefused_HereAndInTheDatabase()
    {
        await using var db = api.NewDb();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            AccessLogRetention.PurgeAsync(db, 5, SystemClock.Instance.GetCurrentInstant(), default));
        var sql = """
            INSERT INTO "AccessLogPurges" ("At", "Before", "RetentionMonths", "UserName")
            VALUES ('2026-12-01T00:00:00.0000000Z', '2026-11-01T00:00:00.0000000Z', 1, 'someone')
            """;
        Assert.Contains("six months", (await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => api.Database.ExecuteAsync(sql)))
            .Message);
    }

    [Fact]
    public async Task TheCommand_PurgesWithTheGivenMonths_AndRefusesTooFew()
    {
        var old = await EntryAtAsync(SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(800), 2);
        var refused = await ApiCommand.RunAsync("Development", ["purge-access-log", "--months", "3", .. api.Database.Arguments]);
        Assert.Equal(2, refused.ExitCode);
        var run = await ApiCommand.RunAsync("Development", ["purge-access-log", "--months", "24", .. api.Database.Arguments]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Removed", run.Out);
        await using var db = api.NewDb();
        Assert.False(await db.AccessLogLines.AnyAsync(l => l.Id == old));
        Assert.True(await db.AccessLogLines.AnyAsync(l => l.UserName == "system:purge-access-log"
            && l.Operation.StartsWith("PurgeAccessLog")));
    }
}
