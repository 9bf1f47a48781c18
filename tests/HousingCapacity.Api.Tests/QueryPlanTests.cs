using HousingCapacity.Api.Data;
using HousingCapacity.Seed;
using HousingCapacity.Api.Features.Allocation;
using Microsoft.EntityFrameworkCore;
using HousingCapacity.Domain;
using NodaTime;
using Xunit.Abstractions;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The SQL of the hot paths uses indexes (issue 14): each statement a request ran is asked for its query plan, which is written
/// to the test output, and no plan may scan a table whose rows grow with the municipality's history. Run on the six months of
/// the ordinary fixture and on ten years of history (issue 30).
/// </summary>
public class QueryPlanTests(ApiFixture api, ITestOutputHelper output)
    : QueryPlanTestsOn<ApiFixture>(api, output), IClassFixture<ApiFixture>;

/// <summary>Issue 30: the plans at ten years of history, where PostgreSQL weighs statistics of a real size.</summary>
public class QueryPlanTestsAtTenYears(TenYearsFixture api, ITestOutputHelper output)
    : QueryPlanTestsOn<TenYearsFixture>(api, output), IClassFixture<TenYearsFixture>;

/// <summary>Ten years of demo history (<c>seed --months 120</c>) in the four municipalities, analysed as a database in use is.</summary>
public sealed class TenYearsFixture : ApiFixture
{
    protected override async Task SeedAsync(HousingDbContext db)
    {
        await DatabaseSetup.SeedAsync(db, new DemoDataOptions { Today = Today, Months = 120, PersonsPerMunicipality = 60 });
        // PostgreSQL plans by its statistics, which autovacuum gathers in a database in use; here they are gathered at once.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}

public abstract class QueryPlanTestsOn<TFixture>(TFixture api, ITestOutputHelper output) where TFixture : ApiFixture
{
    private readonly Builders _make = new(api);

    /// <summary>Whether the plans name the indexes they should: SQLite plans without statistics, so always; PostgreSQL weighs
    /// its statistics, and on the ordinary fixture's few rows any index is as good as another.</summary>
    private bool IndexesNamed => !api.Database.IsPostgreSql || api is TenYearsFixture;

    private const string PlacementsQuery =
        "/odata/Placements?$filter=StartDate ge 2026-09-01 and Facility/Kind eq 'Section110Shelter'" +
        "&$orderby=StartDate desc&$top=20&$count=true&$expand=Unit($select=Label),Facility($select=Name)";

    /// <summary>
    /// The statements the request ran and their plans. SQLite plans a statement before it sees the values, so its parameters are
    /// left unbound. PostgreSQL is asked with the values the statement ran with, and with sequential scans priced out
    /// (enable_seqscan off): on the small test data a scan is its cheapest plan anyway, but it still chooses one only when no
    /// index can answer the condition, which is what these tests are about.
    /// </summary>
    private async Task<List<(string Sql, string Plan)>> PlansOfAsync(Func<Task> request)
    {
        while (api.Sql.Statements.TryDequeue(out _)) { }
        await request();
        var statements = api.Sql.Statements.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).ToList();
        await using var connection = await api.Database.OpenConnectionAsync();
        if (api.Database.IsPostgreSql)
        {
            await using var off = connection.CreateCommand();
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }
        var plans = new List<(string, string)>();
        foreach (var (sql, parameters) in statements)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = (api.Database.IsPostgreSql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
            if (api.Database.IsPostgreSql)
                foreach (var (name, value) in parameters)
                {
                    var p = explain.CreateParameter();
                    p.ParameterName = name;
                    p.Value = value ?? DBNull.Value;
                    explain.Parameters.Add(p);
                }
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync()) lines.Add(reader.GetString(api.Database.IsPostgreSql ? 0 : 3).Trim());
            var plan = string.Join("\n", lines);
            output.WriteLine(sql + "\n--> " + plan.Replace("\n", "\n    ", StringComparison.Ordinal) + "\n");
            plans.Add((sql, plan));
        }
        return plans;
    }

    /// <summary>A plan line that reads a whole table of stays (SQLite: a SCAN without an index; PostgreSQL: a Seq Scan).</summary>
    private static IEnumerable<string> FullScansOfPlacements(IEnumerable<(string Sql, string Plan)> plans) =>
        plans.SelectMany(p => p.Plan.Split('\n')).Where(l =>
            l.Contains("Seq Scan on \"Placements\"", StringComparison.Ordinal)
            || l.StartsWith("SCAN", StringComparison.Ordinal)
            && !l.Contains("USING", StringComparison.Ordinal) && !l.Contains("CONSTANT ROW", StringComparison.Ordinal)
            && (l.Contains(" p", StringComparison.Ordinal) || l.Contains("Placements", StringComparison.Ordinal)));

    [Fact]
    public async Task ReadmesPlacementsQuery_AsAnOfficer_ReadsTheScopeFromTwoIndexes_AndScansNoTableOfStays()
    {
        var plans = await PlansOfAsync(async () => Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync(PlacementsQuery)).Status));
        Assert.NotEmpty(plans);
        Assert.Empty(FullScansOfPlacements(plans));
        var main = plans.Where(p => p.Sql.Contains("FROM \"Placements\"", StringComparison.Ordinal)
            && p.Sql.Contains("LIMIT", StringComparison.Ordinal)).Select(p => p.Plan).First();
        if (api.Database.IsPostgreSql)
        {
            // PostgreSQL weighs its statistics: on the test data it goes through the §110 facilities and their stays' index, or
            // (as the stays' rows grow wider) through the two scope indexes in a bitmap; either way an index, never the table.
            Assert.Contains(main.Split('\n'), l => l.Contains("Index Scan", StringComparison.Ordinal)
                && (l.Contains("on \"Placements\"", StringComparison.Ordinal) || l.Contains("on \"IX_Placements_",
                    StringComparison.Ordinal)));
            return;
        }
        Assert.Contains("IX_Placements_ResponsibleMunicipalityId_StartDate", main);
        Assert.Contains("IX_Placements_FacilityMunicipalityId_StartDate", main);
    }

    /// <summary>
    /// Issue 30: tonight's free beds read the stays still running (the index on their end) and each place's newest report (the
    /// last entry of its index), never the stays or the reports of past years: their cost does not grow with the history.
    /// </summary>
    [Fact]
    public async Task Availability_ReadsTheRunningStaysAndEachPlacesNewestReport_FromIndexesThatLeaveThePastOut()
    {
        var plans = await PlansOfAsync(async () => Assert.Equal(HttpStatusCode.OK,
            (await api.OData.GetAsync("/odata/Facilities/HousingCapacity.Availability()")).Status));
        Assert.Empty(FullScansOfPlacements(plans));
        Assert.Contains(plans, p => p.Plan.Contains("IX_Placements_FacilityId_Until", StringComparison.Ordinal));
        var reports = plans.Where(p => p.Sql.Contains("MAX(", StringComparison.OrdinalIgnoreCase)
            && p.Sql.Contains("\"CapacityReports\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reports);
        Assert.All(reports, p => Assert.Contains("IX_CapacityReports_FacilityId_ReportedAt", p.Plan));
        Assert.DoesNotContain(plans.SelectMany(p => p.Plan.Split('\n')), l =>
            l.Contains("Seq Scan on \"CapacityReports\"", StringComparison.Ordinal)
            || l.StartsWith("SCAN", StringComparison.Ordinal) && l.Contains("CapacityReports", StringComparison.Ordinal)
            && !l.Contains("USING", StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 30: LongStays reads the §110 stays of the year before the date from the indexes of a municipality's stays by their end
    /// (schema 21 / 14), one per side of the officers' scope; the persons' chains of years by the person index.
    /// </summary>
    [Fact]
    public async Task LongStays_AsAnOfficer_ReadsTheYearsStaysFromTheScopesIndexesByEnd()
    {
        var plans = await PlansOfAsync(async () => Assert.Equal(HttpStatusCode.OK,
            (await api.OData.GetAsync("/odata/Placements/HousingCapacity.LongStays(date=2026-11-22,warnings=true)")).Status));
        Assert.Empty(FullScansOfPlacements(plans));
        Assert.Empty(PlaceHistoryReads(plans));
        if (!IndexesNamed) return;
        var visible = plans.First(p => p.Sql.Contains("\"ResponsibleMunicipalityId\" =", StringComparison.Ordinal)).Plan;
        Assert.Contains("IX_Placements_ResponsibleMunicipalityId_Until", visible);
        Assert.Contains("IX_Placements_FacilityMunicipalityId_Until", visible);
    }

    /// <summary>
    /// Issue 30: the month's report (computed, not from the cache) reads its thirteen months' stays, the month's §110 persons and
    /// the discharges of the housing-kept windows from the index of a place's stays by their end, and the stays with support
    /// from their own index: no statement reads a place's stays from its first day.
    /// </summary>
    [Fact]
    public async Task TheMonthsReport_ReadsItsPeriodsStays_NotThePlacesWholeHistory()
    {
        using var committee = api.HttpAs(Api.Security.Role.Committee, 175);
        api.Shared.Reports.Invalidate(Api.Reporting.MonthlyFiguresCache.Invalidation.All);
        var plans = await PlansOfAsync(async () =>
            (await committee.GetAsync("/reports/monthly/175/2026-10.json")).EnsureSuccessStatusCode());
        Assert.Empty(FullScansOfPlacements(plans));
        Assert.Empty(PlaceHistoryReads(plans));
        if (!IndexesNamed) return;
        Assert.Contains(plans, p => p.Plan.Contains("IX_Placements_FacilityId_Until", StringComparison.Ordinal));
        Assert.Contains(plans, p => p.Plan.Contains("IX_Placements_FacilityId_Supported", StringComparison.Ordinal));
    }

    /// <summary>A plan line that reads a place's stays by their start up to a day (SQLite), which is every stay it ever had.</summary>
    private static IEnumerable<string> PlaceHistoryReads(IEnumerable<(string Sql, string Plan)> plans) =>
        plans.SelectMany(p => p.Plan.Split('\n')).Where(l =>
            l.Contains("IX_Placements_FacilityId_StartDate (FacilityId=?)", StringComparison.Ordinal)
            || l.Contains("IX_Placements_FacilityId_StartDate (FacilityId=? AND StartDate<", StringComparison.Ordinal)
            || l.Contains("_StartDate (ResponsibleMunicipalityId=? AND StartDate<", StringComparison.Ordinal)
            || l.Contains("_StartDate (FacilityMunicipalityId=? AND StartDate<", StringComparison.Ordinal));

    [Fact]
    public async Task AStaysFilter_AsShelterStaff_AndAPersonByKey_ScanNoTableOfStays()
    {
        int facility, guest;
        await using (var db = api.NewDb())
        {
            var stay = await db.Placements.Where(p => p.EndDate == null).Select(p => new { p.FacilityId, p.PersonId }).FirstAsync();
            (facility, guest) = (stay.FacilityId, stay.PersonId);
        }
        var staff = await PlansOfAsync(async () =>
            Assert.Equal(HttpStatusCode.OK, (await api.Staff(facility).GetAsync("/odata/Placements?$filter=EndDate eq null&$top=20"))
                .Status));
        Assert.Empty(FullScansOfPlacements(staff));
        // Issue 30: whether a person is one the staff may see is a look-up of that person's stays at the place, not a walk through
        // every stay the place has had.
        var persons = await PlansOfAsync(async () =>
            Assert.Equal(HttpStatusCode.OK, (await api.Staff(facility).GetAsync($"/odata/Persons({guest})")).Status));
        Assert.Empty(FullScansOfPlacements(persons));
        if (IndexesNamed)
            Assert.Contains(persons, p => p.Plan.Contains("IX_Placements_PersonId_FacilityId_Until", StringComparison.Ordinal));
        var person = await PlansOfAsync(async () => Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync("/odata/Persons(1)"))
            .Status));
        Assert.Empty(FullScansOfPlacements(person));
    }

    [Fact]
    public async Task AnAllocationsCapacityChecks_ReadOnlyTheUnitsRunningStays()
    {
        var facility = await _make.FacilityAsync("Section110Shelter");
        await _make.UnitAsync(facility, 3);
        var person = await _make.PersonAsync(ApiFixture.Today.PlusYears(-40));
        var plans = await PlansOfAsync(async () =>
            Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(person, facility)).Status));
        Assert.Empty(FullScansOfPlacements(plans));
        Assert.Contains(plans, p => p.Plan.Contains("IX_Placements_UnitId_Until", StringComparison.Ordinal));
    }
}

/// <summary>The sweep that finds a unit's busiest night agrees with counting every night.</summary>
public class PeakOccupancyTests
{
    [Fact]
    public void Peak_OfRandomStays_EqualsTheMostOnAnyNight()
    {
        var random = new Random(14);
        var day0 = new LocalDate(2026, 11, 1);
        for (var round = 0; round < 2000; round++)
        {
            var stays = Enumerable.Range(0, random.Next(0, 12)).Select(_ =>
            {
                var start = day0.PlusDays(random.Next(0, 30));
                return new DateRange(start, random.Next(4) == 0 ? null : start.PlusDays(random.Next(1, 10)));
            }).ToList();
            var from = day0.PlusDays(random.Next(0, 30));
            var stay = new DateRange(from, random.Next(3) == 0 ? null : from.PlusDays(random.Next(1, 12)));
            var lastNight = stay.End?.PlusDays(-1) ?? day0.PlusDays(60);
            var expected = 0;
            for (var night = stay.Start; night <= lastNight; night = night.PlusDays(1))
                expected = Math.Max(expected, stays.Count(s => s.ContainsNight(night)));
            Assert.Equal(expected, PlacementAllocation.Peak(stays, stay));
        }
    }
}
