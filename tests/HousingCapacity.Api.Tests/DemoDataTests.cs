using HousingCapacity.Api.Data;
using HousingCapacity.Domain;
using HousingCapacity.Seed;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>The demo data is realistic only if it obeys the rules the product enforces.</summary>
public class DemoDataTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task DemoData_HasTheFourMunicipalitiesAndEveryKindOfPlace()
    {
        await using var db = api.NewDb();
        Assert.Equal([167, 175, 330, 479], await db.Municipalities.Select(m => m.Code).OrderBy(c => c).ToListAsync());
        Assert.Equal(Enum.GetValues<FacilityKind>().Length, await db.Facilities.Select(f => f.Kind).Distinct().CountAsync());
        Assert.True(await db.Placements.AnyAsync(p => p.EndDate == null));
        Assert.True(await db.Placements.AnyAsync(p => p.EndDate != null && p.DischargeReason != null && p.Destination != null));
        Assert.Equal(3, await db.Placements.Where(p => p.SupportMethod != SupportMethod.None).Select(p => p.SupportMethod).Distinct()
            .CountAsync());
        Assert.True(await db.Offers.AnyAsync() && await db.Turnaways.AnyAsync() && await db.WaitlistEntries.AnyAsync());
        var firstReport = await db.CapacityReports.MinAsync(r => r.Date);
        Assert.Equal(ApiFixture.Today.PlusMonths(-6).ToDateOnly(), firstReport);
    }

    [Fact]
    public async Task DemoData_PersonsHaveValidCprNumbersAndASpreadOfAges()
    {
        await using var db = api.NewDb();
        var persons = await db.Persons.ToListAsync();
        Assert.All(persons.Where(p => p.HasCpr), p => Assert.Equal(CprNumber.Parse(p.Cpr).BirthDate.ToDateOnly(), p.BirthDate));
        // Some are registered without a CPR number, as shelters register people who have none or will not give it.
        Assert.InRange(persons.Count(p => !p.HasCpr), 1, persons.Count / 20);
        var ages = persons.Select(p => p.AgeOn(ApiFixture.Today)).ToList();
        Assert.InRange(ages.Count(a => a is >= 18 and <= 25) / (double)ages.Count, 0.1, 0.35);
        Assert.True(ages.Min() >= 18 && ages.Max() > 60);
    }

    [Fact]
    public async Task DemoData_NeverHoldsMorePeopleThanBedsOrAPersonTwice()
    {
        await using var db = api.NewDb();
        var placements = await db.Placements.ToListAsync();
        var beds = await db.Units.ToDictionaryAsync(u => u.Id, u => u.Beds);
        foreach (var unit in placements.GroupBy(p => p.UnitId))
            for (var night = ApiFixture.Today.PlusMonths(-6); night < ApiFixture.Today; night = night.PlusDays(1))
                Assert.True(unit.Count(p => p.Stay.ContainsNight(night)) <= beds[unit.Key], $"unit {unit.Key} over capacity on {night}");
        foreach (var person in placements.GroupBy(p => p.PersonId))
        {
            var stays = person.Select(p => p.Stay).OrderBy(s => s.Start).ToList();
            for (var i = 1; i < stays.Count; i++) Assert.False(stays[i - 1].Overlaps(stays[i]),
                $"person {person.Key} has overlapping stays");
        }
    }

    [Fact]
    public async Task DemoData_YoungPeopleInSection110_AlwaysHaveAJustification()
    {
        await using var db = api.NewDb();
        var stays = await db.Placements.Where(p => p.LegalBasis == LegalBasis.Section110)
            .Select(p => new { p.StartDate, p.Person!.BirthDate, p.ExceptionJustification }).ToListAsync();
        var young = stays.Where(s => DanishTime.AgeOn(s.BirthDate.ToLocalDate(), s.StartDate.ToLocalDate()) is >= 18 and <= 25).ToList();
        Assert.NotEmpty(young);
        Assert.All(young, s => Assert.False(string.IsNullOrWhiteSpace(s.ExceptionJustification)));
    }

    [Fact]
    public async Task DemoData_NeverPlacesAMinorAtAnAdultPlace()
    {
        await using var db = api.NewDb();
        var stays = await db.Placements.Select(p => new { p.LegalBasis, p.StartDate, p.Person!.BirthDate }).ToListAsync();
        var adult = stays.Where(s => MinorAtAdultPlaceRule.IsAdultPlace(s.LegalBasis)).ToList();
        Assert.NotEmpty(adult);
        Assert.All(adult, s => Assert.True(DanishTime.AgeOn(s.BirthDate.ToLocalDate(), s.StartDate.ToLocalDate()) >= 18));
    }

    [Fact]
    public async Task Generator_SameSeedAndDay_GivesTheSameData()
    {
        static async Task<string> Fingerprint()
        {
            var path = Path.Combine(Path.GetTempPath(), $"housingcapacity-seed-{Guid.NewGuid():N}.db");
            try
            {
                await using var db = new HousingDbContext(new DbContextOptionsBuilder<HousingDbContext>().UseSqlite($"Data Source={path}")
                    .Options);
                await DatabaseSetup.MigrateAsync(db);
                await DatabaseSetup.SeedAsync(db, new DemoDataOptions
                {
                    Today = ApiFixture.Today,
                    PersonsPerMunicipality = 40,
                    Months = 1
                });
                var cprs = string.Join(",", (await db.Persons.OrderBy(p => p.Id).ToListAsync()).Select(p => p.Cpr));
                var stays = string.Join(",",
                    (await db.Placements.OrderBy(p => p.Id).ToListAsync()).Select(p =>
                        $"{p.PersonId}:{p.UnitId}:{p.StartDate}:{p.EndDate}"));
                return cprs + "|" + stays;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(path);
            }
        }
        Assert.Equal(await Fingerprint(), await Fingerprint());
    }
}
