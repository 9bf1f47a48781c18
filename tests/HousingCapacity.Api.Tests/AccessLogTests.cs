using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>The access log: every response with person data and every write, append-only, exportable per person.</summary>
public class AccessLogTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<long> LastLineAsync()
    {
        await using var db = api.NewDb();
        return await db.AccessLogLines.MaxAsync(l => (long?)l.Id) ?? 0;
    }

    private async Task<List<AccessLogLine>> LinesAfterAsync(long id)
    {
        await using var db = api.NewDb();
        return await db.AccessLogLines.Where(l => l.Id > id).OrderBy(l => l.Id).ToListAsync();
    }

    private static HttpRequestMessage Get(string url, string? purpose = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (purpose is not null) request.Headers.Add(AccessLog.PurposeHeader, purpose);
        return request;
    }

    [Fact]
    public async Task ReadingAPerson_IsLogged_WithWhoWhenWhyAndWhichPerson()
    {
        await using var db = api.NewDb();
        var person = await db.Persons.Where(p => p.MunicipalityId == 1).OrderBy(p => p.Id).Skip(3).FirstAsync();
        var before = await LastLineAsync();
        var reply = await api.OData.SendAsync(Get($"/odata/Persons({person.Id})", "Visitation af borger"));
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        var line = Assert.Single(await LinesAfterAsync(before));
        Assert.Equal(person.Id, line.PersonId);
        Assert.Equal("Read", line.Operation);
        Assert.Equal("test-HousingOfficer-175-", line.UserName);
        Assert.Equal("HousingOfficer", line.Role);
        Assert.Equal(175, line.MunicipalityCode);
        Assert.Equal("Visitation af borger", line.Purpose);
        Assert.Equal($"GET /odata/Persons({person.Id})", line.Request);
        Assert.Equal(api.Clock.GetCurrentInstant(), line.At);
    }

    [Fact]
    public async Task APageOfStays_AnExpandAndAFunction_LogEveryPersonInTheResponse()
    {
        await using var db = api.NewDb();
        var facility = await db.Placements.Where(p => p.Facility!.MunicipalityId == 1).GroupBy(p => p.FacilityId)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();

        var before = await LastLineAsync();
        var page = await api.OData.GetAsync($"/odata/Placements?$filter=FacilityId eq {facility}&$orderby=Id&$top=7&$select=Id,PersonId");
        var shown = page.Value.EnumerateArray().Select(p => p.GetProperty("PersonId").GetInt32()).Distinct().Order().ToList();
        Assert.NotEmpty(shown);
        Assert.Equal(shown, (await LinesAfterAsync(before)).Select(l => l.PersonId!.Value).Order());

        before = await LastLineAsync();
        var expanded = await api.OData.GetAsync($"/odata/Facilities({facility})?$expand=Placements($select=Id;$filter=EndDate eq " +
            "null;$expand=Person($select=Id))&$select=Id");
        var inExpand = expanded.Json.GetProperty("Placements").EnumerateArray().Select(p => p.GetProperty("Person").GetProperty("Id")
            .GetInt32()).Distinct().Order();
        Assert.Equal(inExpand, (await LinesAfterAsync(before)).Select(l => l.PersonId!.Value).Order());

        before = await LastLineAsync();
        var longStays = await api.OData.GetAsync("/odata/Placements/HousingCapacity.LongStays(date=2026-11-22)?$top=3");
        var inLongStays = longStays.Value.EnumerateArray().Select(p => p.GetProperty("PersonId").GetInt32()).Distinct().Order().ToList();
        Assert.NotEmpty(inLongStays);
        Assert.Equal(inLongStays, (await LinesAfterAsync(before)).Select(l => l.PersonId!.Value).Order());
    }

    [Fact]
    public async Task ReadsWithoutPersonData_AreNotLogged()
    {
        var before = await LastLineAsync();
        await api.OData.GetAsync("/odata/Facilities");
        await api.OData.GetAsync("/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)");
        await api.OData.GetAsync("/odata/Placements/$count");
        await api.OData.GetAsync("/odata/Placements?$apply=groupby((FacilityId),aggregate($count as Stays))");
        using var report = await api.HttpAs(Role.Committee, 175).GetAsync("/reports/monthly/175/2026-10.json");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Empty(await LinesAfterAsync(before));
    }

    [Fact]
    public async Task StaffReads_AndCprLookups_AreLogged_WithoutTheCprNumber()
    {
        await using var db = api.NewDb();
        var stay = await db.Placements.Where(p => p.EndDate == null && p.Facility!.MunicipalityId == 1).OrderBy(p => p.Id).FirstAsync();
        var person = await db.Persons.SingleAsync(p => p.Id == stay.PersonId);

        var before = await LastLineAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.Staff(stay.FacilityId).GetAsync($"/odata/Persons({person.Id})")).Status);
        var staffLine = Assert.Single(await LinesAfterAsync(before));
        Assert.Equal(("ShelterStaff", person.Id), (staffLine.Role, staffLine.PersonId));

        before = await LastLineAsync();
        var found = await api.OData.SendAsync(Get($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{person.Cpr}')",
            "Borger oplyste sit CPR-nummer ved døren"));
        Assert.Equal(person.Id, found.Value[0].GetProperty("PersonId").GetInt32());
        Assert.DoesNotContain(person.Cpr!, found.Body);
        // The look-up (which counts against the caller's budget) and the read of its answer: both name the person.
        var lines = await LinesAfterAsync(before);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(person.Id, l.PersonId));
        var lookup = Assert.Single(lines, l => l.Operation.StartsWith("LookupByCpr", StringComparison.Ordinal));
        Assert.DoesNotContain(person.Cpr!, lookup.Request);
        Assert.DoesNotContain(person.Cpr![7..], lookup.Request);
        Assert.DoesNotContain(person.Cpr, lookup.Purpose);
        Assert.Contains("FindByCpr", lookup.Request);
    }

    [Fact]
    public async Task Writes_AreLogged_AndARefusedWriteLeavesNoLine()
    {
        var make = new Builders(api);
        var before = await LastLineAsync();
        var person = await make.PersonAsync(ApiFixture.Today.PlusYears(-20));
        var created = Assert.Single(await LinesAfterAsync(before));
        Assert.Equal(($"Create Person {person}", person, "POST /odata/Persons"), (created.Operation, created.PersonId, created.Request));

        // A 20-year-old in a §110 shelter without a justification: refused (422), and nothing logged.
        await using var db = api.NewDb();
        var shelter = await db.Facilities.Where(f => f.Kind == FacilityKind.Section110Shelter
            && f.MunicipalityId == 1).Select(f => f.Id).FirstAsync();
        before = await LastLineAsync();
        var refused = await make.AllocateAsync(person, shelter);
        Assert.Equal((HttpStatusCode)422, refused.Status);
        Assert.Empty(await LinesAfterAsync(before));
    }

    [Fact]
    public async Task Export_GivesThePersonsLines_ToOfficersWhoMaySeeThePerson()
    {
        await using var db = api.NewDb();
        var person = await db.Persons.Where(p => p.MunicipalityId == 1 && !db.Placements.Any(s => s.PersonId == p.Id
            && s.Facility!.MunicipalityId != 1))
            .OrderBy(p => p.Id).Skip(11).FirstAsync();
        await api.OData.SendAsync(Get($"/odata/Persons({person.Id})", "Aktindsigt"));
        await api.OData.SendJsonAsync(HttpMethod.Patch, $"/odata/Persons({person.Id})", """{"FirstName":"Aktind"}""",
            ifMatch: $"W/\"{person.Version}\"");

        var export = await api.OData.GetAsync($"/odata/Persons({person.Id})/HousingCapacity.AccessLog()");
        Assert.True(export.Status == HttpStatusCode.OK, export.Body);
        var lines = export.Value.EnumerateArray().ToList();
        Assert.Contains(lines, l => l.GetProperty("Operation").GetString() == "Read"
            && l.GetProperty("Purpose").GetString() == "Aktindsigt");
        Assert.Contains(lines, l => l.GetProperty("Operation").GetString() == $"Update Person {person.Id}");
        Assert.All(lines, l => Assert.Equal("test-HousingOfficer-175-", l.GetProperty("UserName").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.As(Role.HousingOfficer,
            167).GetAsync($"/odata/Persons({person.Id})/HousingCapacity.AccessLog()")).Status);
    }

    [Fact]
    public async Task TheLog_CannotBeChangedOrDeleted_ThroughTheApiOrTheDatabase()
    {
        await api.OData.GetAsync("/odata/Persons?$top=1");
        Assert.Equal(HttpStatusCode.NotFound, (await api.OData.GetAsync("/odata/AccessLog")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/AccessLog", "{}")).Status);

        string[] refused = ["""UPDATE "AccessLog" SET "UserName" = 'someone else'""", """DELETE FROM "AccessLog" """,
            """UPDATE "AccessLogPersons" SET "PersonId" = "PersonId" + 1""", """DELETE FROM "AccessLogPersons" """];
        if (api.Database.IsPostgreSql) refused = [.. refused, """TRUNCATE "AccessLog", "AccessLogPersons" """];
        foreach (var sql in refused)
        {
            var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => api.Database.ExecuteAsync(sql));
            Assert.Contains("AccessLogAppendOnly", e.Message);
        }
        await using var db = api.NewDb();
        var line = await db.AccessLog.FirstAsync();
        db.AccessLog.Remove(line);
        await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        await using var again = api.NewDb();
        Assert.True(await again.AccessLogLines.AnyAsync(l => l.Id == line.Id));
    }
}

/// <summary>Reads' entries are committed in shared batches (group commit), and an answer still waits for its own (issue 14).</summary>
public class AccessLogBatchTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // SQLite's single write lock is what batches wait for; on PostgreSQL batches of several processes commit side by side.
    [SqliteFact]
    public async Task ConcurrentReads_WaitingForTheWriteLock_AreCommittedInOneBatch_AndNoneIsAnsweredBefore()
    {
        List<int> ids;
        await using (var db = api.NewDb())
            ids = await db.Persons.Where(p => p.MunicipalityId == 1).OrderBy(p => p.Id).Select(p => p.Id).Take(20).ToListAsync();
        var batch = api.Shared.AccessLogBatch;
        var before = batch.Committed;
        var gate = api.Shared.WriteGate!;
        await gate.WaitAsync();
        Task<ODataTestClient.Reply>[] reads;
        try
        {
            reads = ids.Select(id => api.OData.GetAsync($"/odata/Persons({id})")).ToArray();
            // Every read has handed its entry over (the first batch's writer waits for the lock) and none is answered.
            for (var i = 0; i < 1000 && batch.Waiting < 20; i++) await Task.Delay(10);
            Assert.Equal(20, batch.Waiting);
            Assert.DoesNotContain(reads, r => r.IsCompleted);
        }
        finally
        {
            gate.Release();
        }
        var replies = await Task.WhenAll(reads);
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var after = batch.Committed;
        Assert.Equal(20, after.Entries - before.Entries);
        // The entries that came while the first batch waited for the lock went in at most one more.
        Assert.True(after.Batches - before.Batches <= 2, $"{after.Batches - before.Batches} batches for 20 reads");
        await using var check = api.NewDb();
        Assert.Equal(20, await check.AccessLogLines.Where(l => l.Operation == "Read" && ids.Contains(l.PersonId!.Value))
            .Select(l => l.PersonId).Distinct().CountAsync());
    }
}
