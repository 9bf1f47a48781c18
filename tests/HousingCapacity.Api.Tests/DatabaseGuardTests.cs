using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Guards that hold whatever writes to the file (issue 10, findings 3 and 7): a unit's beds and service status against the
/// people in it, through the API (409 naming the nights and stays) and in the database; the access log against REPLACE;
/// dates in any form but ISO.
/// </summary>
public class DatabaseGuardTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<(int Unit, int[] Stays)> UnitWithTwoOngoingStaysAsync()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var unit = await make.UnitAsync(facility, beds: 2);
        var stays = new List<int>();
        foreach (var age in new[] { 40, 41 })
        {
            var reply = await make.AllocateAsync(await make.PersonAsync(ApiFixture.Today.PlusYears(-age)), unitId: unit,
                start: ApiFixture.Today.PlusDays(-3));
            Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
            stays.Add(reply.Json.GetProperty("Id").GetInt32());
        }
        return (unit, [.. stays]);
    }

    private Task<int> ExecuteAsync(string sql) => api.Database.ExecuteAsync(sql);

    private async Task<(int Beds, string Status)> UnitAsync(int id)
    {
        await using var db = api.NewDb();
        var unit = await db.Units.SingleAsync(u => u.Id == id);
        return (unit.Beds, unit.Status.ToString());
    }

    [Fact]
    public async Task LoweringBedsBelowTheOccupancy_Is409NamingTheNightsAndStays_AndTheDatabaseRefusesItToo()
    {
        var (unit, stays) = await UnitWithTwoOngoingStaysAsync();

        var reply = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({unit})", """{"Beds":1}""");

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("UnitOverCapacity", reply.ErrorCode);
        Assert.Contains("2026-11-22", reply.ErrorMessage);
        Assert.All(stays, s => Assert.Contains($"Stay {s}", reply.Body));
        Assert.Equal((2, "InService"), await UnitAsync(unit));

        var direct = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            ExecuteAsync($"""UPDATE "Units" SET "Beds" = 1 WHERE "Id" = {unit}"""));
        Assert.Contains("UnitOverCapacity", direct.Message);
        Assert.Equal((2, "InService"), await UnitAsync(unit));

        // Down to exactly the people in it is fine, and so is raising it again.
        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({unit})", """{"Beds":3}"""))
            .Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({unit})", """{"Beds":2}"""))
            .Status);
    }

    [Fact]
    public async Task LoweringBeds_CountsFutureBookings_NotPastNights()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var unit = await make.UnitAsync(facility, beds: 2);
        // Two people last month (history), and two booked from next week.
        foreach (var (age, start, end) in new[] { (50, -40, -30), (51, -40, -30), (52, 7, 9), (53, 8, 10) })
            Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(await make.PersonAsync(ApiFixture.Today.PlusYears(-age)),
                unitId: unit,
                start: ApiFixture.Today.PlusDays(start), end: ApiFixture.Today.PlusDays(end))).Status);

        var reply = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({unit})", """{"Beds":1}""");
        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Contains(ApiFixture.Today.PlusDays(8).ToString("yyyy-MM-dd", null), reply.ErrorMessage);
    }

    [Fact]
    public async Task TakingAnOccupiedUnitOutOfService_Is409_ByTheApiAndByTheDatabase()
    {
        var (unit, stays) = await UnitWithTwoOngoingStaysAsync();

        var reply = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({unit})", """{"Status":"OutOfService"}""");

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("UnitOccupied", reply.ErrorCode);
        Assert.All(stays, s => Assert.Contains($"Stay {s}", reply.Body));
        var direct = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            ExecuteAsync($"""UPDATE "Units" SET "Status" = 'OutOfService' WHERE "Id" = {unit}"""));
        Assert.Contains("UnitOccupied", direct.Message);
        Assert.Equal((2, "InService"), await UnitAsync(unit));

        // Once both have left, it can go out of service.
        foreach (var stay in stays)
            Assert.Equal(HttpStatusCode.OK, (await api.OData.SendJsonAsync(HttpMethod.Post,
                $"/odata/Placements({stay})/HousingCapacity.Discharge",
                """{"endDate":"2026-11-22","dischargeReason":"Planned","destination":"OwnHome"}""")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({unit})",
            """{"Status":"OutOfService"}""")).Status);
    }

    [SqliteTheory]
    [InlineData("REPLACE INTO AccessLog (Id, At, UserName, Role, Operation, Request) SELECT Id, At, 'x', 'x', 'x', 'x' FROM AccessLog " +
        "WHERE Id = (SELECT MAX(Id) FROM AccessLog)")]
    [InlineData("INSERT OR REPLACE INTO AccessLog (Id, At, UserName, Role, Operation, Request) SELECT Id, At, 'x', 'x', 'x', 'x' FROM " +
        "AccessLog WHERE Id = (SELECT MIN(Id) FROM AccessLog)")]
    [InlineData("""INSERT INTO "AccessLog" ("Id", "At", "UserName", "Role", "Operation", "Request") SELECT "Id", "At", 'x', 'x', 'x',""" +
        """ 'x' FROM "AccessLog" WHERE "Id" = (SELECT MIN("Id") FROM "AccessLog") ON CONFLICT ("Id") DO UPDATE SET "UserName" = 'x'""")]
    public async Task AccessLog_CannotBeOverwrittenByReplace(string sql) => await RefusedOnTheAccessLogAsync(sql);

    [Fact]
    public async Task AccessLog_CannotBeOverwrittenByAnUpsert() => await RefusedOnTheAccessLogAsync("""
        INSERT INTO "AccessLog" ("Id", "At", "UserName", "Role", "Operation", "Request")
        SELECT "Id", "At", 'x', 'x', 'x', 'x' FROM "AccessLog" WHERE "Id" = (SELECT MIN("Id") FROM "AccessLog")
        ON CONFLICT ("Id") DO UPDATE SET "UserName" = 'x'
        """);

    private async Task RefusedOnTheAccessLogAsync(string sql)
    {
        Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync("/odata/Persons?$top=2")).Status);
        await using var db = api.NewDb();
        var before = await db.AccessLog.OrderBy(l => l.Id).Select(l => l.Id + l.UserName + l.Operation).ToListAsync();
        Assert.NotEmpty(before);

        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync(sql));

        Assert.Contains("AccessLogAppendOnly", refused.Message);
        await using var after = api.NewDb();
        Assert.Equal(before, await after.AccessLog.OrderBy(l => l.Id).Select(l => l.Id + l.UserName + l.Operation).ToListAsync());
    }

    [SqliteTheory]
    [InlineData("StartDate", "2027-1-1")]
    [InlineData("StartDate", "2027-02-30")]
    [InlineData("StartDate", "22-11-2026")]
    [InlineData("EndDate", "2027-1-10")]
    public async Task PlacementDates_InAnotherFormThanIso_AreRefused_SoTheOverBookingGuardsCompareLikeWithLike(string column, string value)
    {
        await using var db = api.NewDb();
        var unit = await db.Units.OrderBy(u => u.Id).FirstAsync();
        var person = await db.Persons.OrderBy(p => p.Id).FirstAsync();
        var (start, end) = column == "StartDate" ? (value, "NULL") : ("2027-01-01", $"'{value}'");
        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync(
            "INSERT INTO Placements (PersonId, UnitId, FacilityId, StartDate, EndDate, SupportMethod, ReferralRoute, Version) " +
            $"VALUES ({person.Id}, {unit.Id}, {unit.FacilityId}, '{start}', {end}, 'None', 'Municipality', 1)"));
        Assert.Contains("InvalidDate", refused.Message);
    }

    [SqliteFact]
    public async Task InstantsAndDates_OfOtherTables_AreCheckedToo()
    {
        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            ExecuteAsync("UPDATE Turnaways SET Date = '2026-11-2'"));
        Assert.Contains("InvalidDate", refused.Message);
        var instant = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            ExecuteAsync("UPDATE CapacityReports SET ReportedAt = '2026-11-22 19:00' WHERE Id = 1"));
        Assert.Contains("InvalidDate", instant.Message);
    }

    /// <summary>PostgreSQL stores dates and instants in its own types: an impossible date or time is refused by the type itself.</summary>
    [PostgreSqlTheory]
    [InlineData("""UPDATE "Turnaways" SET "Date" = '2026-02-30'""")]
    [InlineData("""UPDATE "Placements" SET "StartDate" = '22-11-2026'""")]
    [InlineData("""UPDATE "CapacityReports" SET "ReportedAt" = '2026-11-22 25:00' WHERE "Id" = 1""")]
    public async Task ImpossibleDatesAndInstants_AreRefusedByTheirColumnTypes(string sql)
    {
        await using var db = api.NewDb();
        var before = await db.Turnaways.OrderBy(t => t.Id).Select(t => t.Date).ToListAsync();
        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync(sql));
        Assert.StartsWith("22", ((Npgsql.PostgresException)refused).SqlState); // data exception: invalid datetime
        await using var after = api.NewDb();
        Assert.Equal(before, await after.Turnaways.OrderBy(t => t.Id).Select(t => t.Date).ToListAsync());
    }
}

/// <summary>
/// The database's refusals, raised by each provider's own constraints and triggers, give the API's answers for the same rule
/// (issue 15: the same 409s on SQLite and PostgreSQL).
/// </summary>
public class DatabaseRefusalMappingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<Api.OData.ODataProblem> RefusalOfAsync(string sql)
    {
        var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => api.Database.ExecuteAsync(sql));
        return Api.OData.ODataProblem.From(Assert.IsType<Domain.Refusal>(Api.Data.DatabaseGuards.Classify(e)));
    }

    [Fact]
    public async Task EachRefusal_IsTheAnswerOfItsRule_OnEitherProvider()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var unit = await make.UnitAsync(facility, beds: 1);
        var other = await make.UnitAsync(facility, beds: 1);
        var (a, b) = (await make.PersonAsync(ApiFixture.Today.PlusYears(-40)), await make.PersonAsync(ApiFixture.Today.PlusYears(-41)));
        Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(a, unitId: unit, start: ApiFixture.Today)).Status);
        string Stay(int person, int into) => $"""
            INSERT INTO "Placements" ("PersonId", "UnitId", "FacilityId", "StartDate", "SupportMethod")
            VALUES ({person}, {into}, {facility}, '2026-11-23', 'None')
            """;

        var full = await RefusalOfAsync(Stay(b, unit));
        Assert.Equal((409, "UnitDoubleBooked"), (full.Status, full.Code));
        var twice = await RefusalOfAsync(Stay(a, other)); // the person's own overlapping stay
        Assert.Equal((409, "PersonAlreadyPlaced"), (twice.Status, twice.Code));
        var inUse = await RefusalOfAsync($"""DELETE FROM "Units" WHERE "Id" = {unit}""");
        Assert.Equal((409, "InUse"), (inUse.Status, inUse.Code));
        var taken = await RefusalOfAsync("""UPDATE "Municipalities" SET "Name" = 'x', "Code" = 167 WHERE "Id" = 1""");
        Assert.Equal(400, taken.Status); // a code is never changed (the guard comes before the unique index)
        var unique = await RefusalOfAsync("""INSERT INTO "Municipalities" ("Code", "Name") VALUES (175, 'Rødovre igen')""");
        Assert.Equal((409, "Conflict"), (unique.Status, unique.Code));
        var beds = await RefusalOfAsync($"""
            INSERT INTO "Placements" ("PersonId", "UnitId", "FacilityId", "StartDate", "SupportMethod")
            VALUES ({b}, {other}, {facility}, '2026-11-23', 'None');
            UPDATE "Units" SET "Status" = 'OutOfService' WHERE "Id" = {other}
            """);
        Assert.Equal((409, "UnitOccupied"), (beds.Status, beds.Code));
    }
}
