using System.Text.Json;
using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Two API processes on one database (issue 15), on either provider: the last bed still has exactly one winner when the
/// requests come through different processes, and a process killed with kill -9 during allocations loses no acknowledged
/// placement and over-books nothing. The processes run on the real clock, so the nights are weeks ahead of today.
/// </summary>
public class MultiProcessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly LocalDate Today = DanishTime.Today(SystemClock.Instance);
    private static readonly string Officer = ApiFixture.Token(Role.HousingOfficer, 175);

    private static StringContent Allocation(int person, int facility, LocalDate night) => new(JsonSerializer.Serialize(new
    {
        PersonId = person, FacilityId = facility, StartDate = night.ToString("yyyy-MM-dd", null),
        EndDate = night.PlusDays(1).ToString("yyyy-MM-dd", null),
    }), System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task TheLastBed_32ClientsAcrossTwoApiProcesses_ExactlyOneWinsEachRound()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var unit = await make.UnitAsync(facility, beds: 1);
        var persons = new List<int>();
        for (var i = 0; i < 32; i++) persons.Add(await make.PersonAsync(ApiFixture.Today.PlusYears(-30 - i)));
        await using var first = await ApiProcess.StartAsync(api.Database);
        await using var second = await ApiProcess.StartAsync(api.Database);
        var clients = persons.Select((_, i) => (i % 2 == 0 ? first : second).As(Officer)).ToList();

        const int rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            var night = Today.PlusDays(30 + round);
            using var start = new ManualResetEventSlim(false);
            var attempts = persons.Select((person, i) => Task.Run(async () =>
            {
                start.Wait();
                using var reply = await clients[i].PostAsync("/odata/Placements", Allocation(person, facility, night));
                return reply.StatusCode;
            })).ToList();
            start.Set();
            var statuses = await Task.WhenAll(attempts);
            Assert.True(statuses.Count(s => s == HttpStatusCode.Created) == 1, string.Join(",", statuses));
            Assert.Equal(31, statuses.Count(s => s == HttpStatusCode.Conflict));
        }

        await using var db = api.NewDb();
        var stays = await db.Placements.Where(p => p.UnitId == unit).ToListAsync();
        Assert.Equal(rounds, stays.Count);
        for (var round = 0; round < rounds; round++)
            Assert.Equal(1, stays.Count(s => s.Stay.ContainsNight(Today.PlusDays(30 + round))));
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task KillingOneApiProcessDuringAllocations_LosesNoAcknowledgedPlacement_AndOverBooksNothing()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var units = new List<int>();
        for (var i = 0; i < 12; i++) units.Add(await make.UnitAsync(facility, beds: 1));
        var persons = new List<int>();
        for (var i = 0; i < 48; i++) persons.Add(await make.PersonAsync(ApiFixture.Today.PlusYears(-25 - i % 40)));
        var night = Today.PlusDays(45);
        await using var doomed = await ApiProcess.StartAsync(api.Database);
        await using var survivor = await ApiProcess.StartAsync(api.Database);
        using var toDoomed = doomed.As(Officer);
        using var toSurvivor = survivor.As(Officer);

        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<int>();
        var next = -1;
        var killed = 0;
        async Task WorkAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < persons.Count; i = Interlocked.Increment(ref next))
            {
                var client = i % 2 == 0 && Volatile.Read(ref killed) == 0 ? toDoomed : toSurvivor;
                try
                {
                    using var reply = await client.PostAsync("/odata/Placements", Allocation(persons[i], facility, night));
                    Assert.True((int)reply.StatusCode < 500, await reply.Content.ReadAsStringAsync());
                    if (reply.StatusCode == HttpStatusCode.Created)
                        acknowledged.Add(JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement.GetProperty("Id")
                            .GetInt32());
                }
                catch (HttpRequestException) when (client == toDoomed)
                {
                    // The process died under this request: it was never acknowledged.
                }
                // Mid-way, with requests in flight on both processes: kill -9.
                if (i == 16 && Interlocked.Exchange(ref killed, 1) == 0) doomed.KillHard();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(WorkAsync)));

        Assert.Equal(1, killed);
        await using var db = api.NewDb();
        var stays = await db.Placements.Where(p => p.FacilityId == facility).ToListAsync();
        // Every acknowledged placement is there; the beds were all taken (48 asked for 12), and never one twice.
        Assert.All(acknowledged, id => Assert.Contains(stays, s => s.Id == id));
        Assert.Equal(units.Count, stays.Count);
        Assert.All(stays.GroupBy(s => s.UnitId), g => Assert.Single(g));
        Assert.Equal(stays.Count, stays.Select(s => s.PersonId).Distinct().Count());
        // The surviving process still answers.
        Assert.True((await toSurvivor.GetAsync("/health")).IsSuccessStatusCode);
    }
}

/// <summary>
/// A closed month cached by one API process is dropped when another process changes it (issue 15): on PostgreSQL through the
/// save's NOTIFY. On SQLite each process keeps its own cache, and README says to run one process per file.
/// </summary>
public class ReportCacheAcrossProcessesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [PostgreSqlFact]
    public async Task AMonthCachedByOneProcess_IsDroppedWhenAnotherProcessChangesIt()
    {
        await using var other = await ApiProcess.StartAsync(api.Database);
        using var committee = other.As(ApiFixture.Token(Role.Committee, 175));
        async Task<string> GeneratedAtAsync()
        {
            using var reply = await committee.GetAsync("/reports/monthly/175/2026-10.json");
            var body = await reply.Content.ReadAsStringAsync();
            Assert.True(reply.IsSuccessStatusCode, body);
            return JsonDocument.Parse(body).RootElement.GetProperty("GeneratedAt").GetString()!;
        }
        // The other process listens once it has started; until then it keeps nothing.
        var first = await GeneratedAtAsync();
        for (var i = 0; i < 50 && await GeneratedAtAsync() != first; i++)
        {
            first = await GeneratedAtAsync();
            await Task.Delay(100);
        }
        Assert.Equal(first, await GeneratedAtAsync()); // cached

        // A turnaway on 15 October, recorded through this fixture's own process.
        var reply = await api.Staff(1).SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            """{"FacilityId":1,"Date":"2026-10-15","Reason":"Full"}""");
        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);

        var after = first;
        for (var i = 0; i < 50 && after == first; i++)
        {
            await Task.Delay(50);
            after = await GeneratedAtAsync();
        }
        Assert.NotEqual(first, after);
    }
}

/// <summary>
/// Issue 23, finding 10: two API processes starting at once on an empty PostgreSQL database with demo data asked for: one seeds,
/// the other waits for it and finds the data there; neither stops with a stack trace, and the data are there once.
/// </summary>
public class ConcurrentStartTests
{
    [PostgreSqlFact]
    public async Task TwoProcessesStartingAtOnce_OnAnEmptyDatabase_SeedItOnce()
    {
        using var database = new TempDatabase("start-together");
        var starts = await Task.WhenAll(
            ApiProcess.StartAsync(database, "--Database:SeedDemoData=true"),
            ApiProcess.StartAsync(database, "--Database:SeedDemoData=true"));
        await using var first = starts[0];
        await using var second = starts[1];
        Assert.DoesNotContain("   at ", first.Output + second.Output);
        await using var db = new HousingCapacity.Api.Data.HousingDbContext(database.Options());
        var codes = await db.Municipalities.Select(m => m.Code).ToListAsync();
        Assert.NotEmpty(codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync(second.Url + "/health")).StatusCode);
    }
}
