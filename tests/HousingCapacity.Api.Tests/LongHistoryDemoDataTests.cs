using HousingCapacity.Api.Data;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using HousingCapacity.Seed;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>Two and a half years of demo history (issue 30: <c>seed --months N</c>), small, so that every night can be checked.</summary>
public sealed class LongHistoryFixture : ApiFixture
{
    public const int Months = 30, Persons = 60;

    protected override Task SeedAsync(HousingDbContext db) =>
        DatabaseSetup.SeedAsync(db, new DemoDataOptions { Today = Today, Months = Months, PersonsPerMunicipality = Persons });
}

/// <summary>
/// Issue 30.1: a long history is as lawful as six months, every night of it, and looks like years: reports every night from the
/// first month, a year's worth of persons for each year who come back year after year, §110 stays on both sides of the reform of
/// 1 April 2026, Housing First courses that began and ended within it, and waitlists whose old entries are closed.
/// </summary>
public class LongHistoryDemoDataTests(LongHistoryFixture api) : IClassFixture<LongHistoryFixture>
{
    private static readonly LocalDate Start = ApiFixture.Today.PlusMonths(-LongHistoryFixture.Months);

    [Fact]
    public async Task EveryNightOfTheHistory_HasReports_AndNeverMorePeopleThanBedsOrAPersonTwice()
    {
        await using var db = api.NewDb();
        Assert.Equal(Start.ToDateOnly(), await db.CapacityReports.MinAsync(r => r.Date));
        Assert.True(await db.Turnaways.MinAsync(t => t.Date) < Start.PlusDays(30).ToDateOnly());
        var placements = await db.Placements.ToListAsync();
        var beds = await db.Units.ToDictionaryAsync(u => u.Id, u => u.Beds);
        foreach (var unit in placements.GroupBy(p => p.UnitId))
            for (var night = Start; night < ApiFixture.Today; night = night.PlusDays(1))
                Assert.True(unit.Count(p => p.Stay.ContainsNight(night)) <= beds[unit.Key], $"unit {unit.Key} over capacity on {night}");
        foreach (var person in placements.GroupBy(p => p.PersonId))
        {
            var stays = person.Select(p => p.Stay).OrderBy(s => s.Start).ToList();
            for (var i = 1; i < stays.Count; i++) Assert.False(stays[i - 1].Overlaps(stays[i]), $"person {person.Key} overlaps");
        }
    }

    [Fact]
    public async Task ItHasAYearOfPersonsForEachYear_WhoComeBackYearAfterYear()
    {
        await using var db = api.NewDb();
        var withCpr = await db.Persons.CountAsync(p => p.Cpr != null);
        Assert.Equal(4 * 2 * LongHistoryFixture.Persons, withCpr); // 30 months: two years' worth
        var years = await db.Placements.Where(p => p.LegalBasis == LegalBasis.Section110 || p.LegalBasis == LegalBasis.Section104)
            .Select(p => new { p.PersonId, p.StartDate }).ToListAsync();
        var returning = years.GroupBy(s => s.PersonId).Count(g => g.Select(s => s.StartDate.Year).Distinct().Count() >= 3);
        Assert.True(returning >= 20, $"{returning} persons with short stays in three calendar years");
    }

    [Fact]
    public async Task Section110StaysLieOnBothSidesOfTheReform_AndYoungPeopleAlwaysHaveAJustification()
    {
        await using var db = api.NewDb();
        var reform = new DateOnly(2026, 4, 1);
        var stays = await db.Placements.Where(p => p.LegalBasis == LegalBasis.Section110)
            .Select(p => new { p.StartDate, p.EndDate, p.Person!.BirthDate, p.ExceptionJustification }).ToListAsync();
        Assert.Contains(stays, s => s.EndDate < reform);
        Assert.Contains(stays, s => s.StartDate < reform && (s.EndDate is null || s.EndDate > reform));
        Assert.Contains(stays, s => s.StartDate > reform);
        var young = stays.Where(s => DanishTime.AgeOn(s.BirthDate.ToLocalDate(), s.StartDate.ToLocalDate()) is >= 18 and <= 25).ToList();
        Assert.NotEmpty(young);
        Assert.All(young, s => Assert.False(string.IsNullOrWhiteSpace(s.ExceptionJustification)));
        var adult = await db.Placements.Select(p => new { p.LegalBasis, p.StartDate, p.Person!.BirthDate }).ToListAsync();
        Assert.All(adult.Where(s => MinorAtAdultPlaceRule.IsAdultPlace(s.LegalBasis)),
            s => Assert.True(DanishTime.AgeOn(s.BirthDate.ToLocalDate(), s.StartDate.ToLocalDate()) >= 18));
    }

    [Fact]
    public async Task HousingFirstCoursesEndWithinIt_AndOldWaitlistEntriesAreClosed()
    {
        await using var db = api.NewDb();
        var start = Start.ToDateOnly();
        var courses = await db.Placements.Where(p => p.SupportMethod != SupportMethod.None)
            .Select(p => new { p.StartDate, p.EndDate }).ToListAsync();
        var ended = courses.Count(c => c.StartDate >= start && c.EndDate != null);
        // Some began and ended within it, and some are still under way.
        Assert.True(ended >= 1 && courses.Any(c => c.EndDate == null), $"{ended} of {courses.Count} began and ended within it");
        var twoYearsAgo = ApiFixture.Today.PlusYears(-2).ToDateOnly();
        var entries = await db.WaitlistEntries.Select(e => new { e.AppliedOn, e.Status }).ToListAsync();
        Assert.Contains(entries, e => e.AppliedOn < twoYearsAgo);
        Assert.All(entries.Where(e => e.AppliedOn < twoYearsAgo),
            e => Assert.True(e.Status is WaitlistEntryStatus.Housed or WaitlistEntryStatus.Withdrawn, $"{e.AppliedOn}: {e.Status}"));
        Assert.Contains(entries, e => e.Status == WaitlistEntryStatus.Waiting);
    }

    [Fact]
    public async Task AMonthBeforeTheReform_HasItsReport()
    {
        using var committee = api.HttpAs(Role.Committee, 175);
        using var json = await committee.GetAsync("/reports/monthly/175/2025-03.json");
        Assert.True(json.StatusCode == HttpStatusCode.OK, await json.Content.ReadAsStringAsync());
        using var pdf = await committee.GetAsync("/reports/monthly/175/2025-03.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4]);
    }
}
