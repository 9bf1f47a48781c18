using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>Many officers, one bed, the same moment: exactly one wins, every round.</summary>
public class AllocationRaceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Allocate_32SimultaneousRequestsForTheLastBed_ExactlyOneWinsEachRound()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var unit = await make.UnitAsync(facility, beds: 1);
        var persons = new List<int>();
        for (var i = 0; i < 32; i++) persons.Add(await make.PersonAsync(ApiFixture.Today.PlusYears(-30 - i)));

        const int rounds = 50;
        for (var round = 0; round < rounds; round++)
        {
            var night = ApiFixture.Today.PlusDays(-rounds + round);
            using var start = new ManualResetEventSlim(false);
            var attempts = persons.Select(person => Task.Run(async () =>
            {
                start.Wait();
                return await make.AllocateAsync(person, facility, start: night, end: night.PlusDays(1));
            })).ToList();
            start.Set();
            var replies = await Task.WhenAll(attempts);
            Assert.Equal(1, replies.Count(r => r.Status == HttpStatusCode.Created));
            Assert.Equal(31, replies.Count(r => r.Status == HttpStatusCode.Conflict));
        }

        await using var db = api.NewDb();
        var stays = await db.Placements.Where(p => p.UnitId == unit).ToListAsync();
        Assert.Equal(rounds, stays.Count);
        for (var round = 0; round < rounds; round++)
        {
            var night = ApiFixture.Today.PlusDays(-rounds + round);
            Assert.Equal(1, stays.Count(s => s.Stay.ContainsNight(night)));
        }
        // The access log is written in the write's transaction: one line per stay that was made, none for the losers.
        var created = await db.AccessLog.Where(l => l.Operation.StartsWith("Create Placement ")).Select(l => l.Operation).ToListAsync();
        Assert.Equal(stays.Select(s => $"Create Placement {s.Id}").Order(),
            created.Where(o => stays.Any(s => o == $"Create Placement {s.Id}")).Order());
        Assert.Equal(rounds, created.Count(o => stays.Any(s => o == $"Create Placement {s.Id}")));
    }

    /// <summary>
    /// CheckIn runs on the allocation's own two steps: check-ins at the door (each registering someone without a CPR number) and
    /// officers' allocations race for the last bed together, and still exactly one wins; a loser leaves no person behind.
    /// </summary>
    [Fact]
    public async Task CheckInsAndAllocations_RacingForTheLastBed_ExactlyOneWinsEachRound_AndLosersLeaveNoPerson()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var unit = await make.UnitAsync(facility, beds: 1);
        var persons = new List<int>();
        for (var i = 0; i < 8; i++) persons.Add(await make.PersonAsync(ApiFixture.Today.PlusYears(-30 - i)));
        var staff = api.Staff(facility);
        var tag = Guid.NewGuid().ToString("N")[..8];

        const int rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            var night = ApiFixture.Today.PlusDays(-rounds + round);
            using var start = new ManualResetEventSlim(false);
            var allocations = persons.Select(person => Task.Run(async () =>
            {
                start.Wait();
                return (await make.AllocateAsync(person, facility, start: night, end: night.PlusDays(1))).Status;
            }));
            var checkIns = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return (await staff.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
                    $$"""{"facilityId":{{facility}},"alias":"Kapløb {{tag}} {{round}}-{{i}}","gender":"Male","estimatedAge":40,""" +
                    $$""" "startDate":"{{night:yyyy-MM-dd}}","endDate":"{{night.PlusDays(1):yyyy-MM-dd}}","newPerson":true}""")).Status;
            }));
            var attempts = allocations.Concat(checkIns).ToList();
            start.Set();
            var statuses = await Task.WhenAll(attempts);
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
            Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.Conflict));
        }

        await using var db = api.NewDb();
        var stays = await db.Placements.Where(p => p.UnitId == unit).Select(p => p.PersonId).ToListAsync();
        Assert.Equal(rounds, stays.Count);
        // Every person registered at the door has the stay that won; the losers' registrations were rolled back with them.
        var registered = await db.Persons.Where(p => p.Alias != null && p.Alias.StartsWith($"Kapløb {tag}")).Select(p => p.Id)
            .ToListAsync();
        Assert.All(registered, id => Assert.Contains(id, stays));
        Assert.Equal(stays.Count(id => !persons.Contains(id)), registered.Count);
    }

    [Fact]
    public async Task DatabaseGuard_RefusesAnOverBookingEvenWithoutTheApplication()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var unit = await make.UnitAsync(facility, beds: 1);
        var a = await make.PersonAsync(ApiFixture.Today.PlusYears(-40));
        var b = await make.PersonAsync(ApiFixture.Today.PlusYears(-41));
        Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(a, unitId: unit, start: ApiFixture.Today.PlusDays(-2))).Status);
        await using var db = api.NewDb();
        var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "Placements" ("PersonId", "UnitId", "FacilityId", "StartDate", "SupportMethod") """ +
            "VALUES ({0}, {1}, {2}, '2026-11-21', 'None')", b, unit, facility));
        Assert.Contains("UnitDoubleBooked", e.Message);
        var freeUnit = await make.UnitAsync(facility, beds: 1);
        // On PostgreSQL the exclusion constraint EX_Placements_PersonAlreadyPlaced refuses it.
        var overlapSelf = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "Placements" ("PersonId", "UnitId", "FacilityId", "StartDate", "EndDate", "SupportMethod") """ +
            "VALUES ({0}, {1}, {2}, '2026-11-21', '2026-11-22', 'None')", a, freeUnit, facility));
        Assert.Contains("PersonAlreadyPlaced", overlapSelf.Message);
    }
}
