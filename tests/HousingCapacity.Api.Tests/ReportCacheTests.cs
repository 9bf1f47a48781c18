using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Closed months' figures are computed once (MonthlyFiguresCache) and dropped by a save that can change them (issue 14), on the
/// hand-built October 2026 of municipality 900.
/// </summary>
public class ReportCacheTests(ReportMonthFixture api) : IClassFixture<ReportMonthFixture>
{
    private static readonly YearMonth October = new(2026, 10);

    [Fact]
    public void EveryRecordOfTheModel_SaysWhatItsChangeDoesToTheCachedMonths()
    {
        using var db = api.NewDb();
        var records = db.Model.GetEntityTypes().Where(t => t.ClrType.IsSubclassOf(typeof(Entity))).Select(t => t.ClrType).ToHashSet();
        foreach (var type in records)
            Assert.True(MonthlyFiguresCache.Invalidates.ContainsKey(type),
                $"{type.Name} is not declared in MonthlyFiguresCache.Invalidates");
        Assert.Empty(MonthlyFiguresCache.Invalidates.Keys.Except(records));
    }

    private async Task<MonthlyFigures> BuildAsync(YearMonth month)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MonthlyReportBuilder>().BuildAsync(900, month, default))!;
    }

    private int StayQueries() => api.Sql.Commands.Count(c => c.Contains("FROM \"Placements\"", StringComparison.Ordinal));

    private static string Json(object body) => System.Text.Json.JsonSerializer.Serialize(body);

    private async Task<int> ShelterAsync()
    {
        await using var db = api.NewDb();
        return await db.Facilities.Where(f => f.Name == "Herberget Prøvevej").Select(f => f.Id).SingleAsync();
    }

    [Fact]
    public async Task AClosedMonth_IsComputedOnce_AndAWriteInItIsSeenAtOnce()
    {
        var first = await BuildAsync(October);
        while (api.Sql.Commands.TryDequeue(out _)) { }
        var again = await BuildAsync(October);
        Assert.Same(first, again);
        Assert.Equal(0, StayQueries());

        // A turnaway tonight (November) cannot change October: still the same figures.
        var staff = api.As(Role.ShelterStaff, 900, await ShelterAsync());
        var tonight = await staff.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            Json(new { FacilityId = await ShelterAsync(), Reason = "Full" }));
        Assert.Equal(HttpStatusCode.Created, tonight.Status);
        Assert.Same(first, await BuildAsync(October));

        // One recorded afterwards for 20 October does: the next report counts it.
        var late = await staff.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            Json(new { FacilityId = await ShelterAsync(), Date = "2026-10-20", Reason = "Full" }));
        Assert.Equal(HttpStatusCode.Created, late.Status);
        var after = await BuildAsync(October);
        Assert.NotSame(first, after);
        Assert.Equal(first.Flow.Turnaways.Value + 1, after.Flow.Turnaways.Value);
    }

    [Fact]
    public async Task TheMonthInProgress_IsNeverCached()
    {
        var november = await BuildAsync(new YearMonth(2026, 11));
        Assert.True(november.InProgress);
        Assert.NotSame(november, await BuildAsync(new YearMonth(2026, 11)));
    }

    [Fact]
    public async Task ThePdf_OfACachedMonth_IsTheSameFile_AndAChangedUnitDropsIt()
    {
        var http = api.HttpAs(Role.Committee, 900);
        var pdf = await http.GetByteArrayAsync("/reports/monthly/900/2026-10.pdf");
        Assert.Equal(pdf, await http.GetByteArrayAsync("/reports/monthly/900/2026-10.pdf"));
        var cached = await BuildAsync(October);

        // The catalogue changes everything (beds, names): a unit's new label drops the cached month.
        await using (var db = api.NewDb())
        {
            var unit = await db.Units.FirstAsync(u => u.FacilityId == db.Facilities.Where(f => f.Name == "Housing First Prøve")
                .Select(f => f.Id).First());
            unit.Update(unit.Label + " (ny)", unit.Beds, unit.Status, ApiFixture.Today);
            await db.SaveChangesAsync();
        }
        Assert.NotSame(cached, await BuildAsync(October));
    }
}
