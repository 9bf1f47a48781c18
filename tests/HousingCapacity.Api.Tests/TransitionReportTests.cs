using HousingCapacity.Api.Data;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Security;
using HousingCapacity.Api.Tests.Pages;
using HousingCapacity.Domain;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>A hand-built October 2026 of transitions in municipality 903 (issue 28.3), asserted number by number below.</summary>
public sealed class TransitionMonthFixture : ApiFixture
{
    protected override (Role Role, int MunicipalityCode) DefaultCaller => (Role.HousingOfficer, 903);

    protected override async Task SeedAsync(HousingDbContext db)
    {
        static LocalDate D(int month, int day) => new(2026, month, day);
        var m = new Municipality(903, "Overgangskommune");
        db.Add(m);
        await db.SaveChangesAsync();
        var persons = Enumerable.Range(1, 8).Select(i => new Person(CprNumber.Parse($"0101{70 + i}-10{i:00}"), "Test", $"Person{i}",
            Gender.Male, m.Id)).ToList();
        db.AddRange(persons);
        await db.SaveChangesAsync();
        var today = ApiFixture.Today;
        Transition T(int person, TransitionKind kind, LocalDate night, LocalDate told) =>
            new(persons[person - 1].Id, m.Id, kind, night, "Stedet", "Den, der gav besked", told, null, null, today, "test");
        var t1 = T(1, TransitionKind.PrisonRelease, D(10, 5), D(9, 5));        // 30 days' notice, secured 3 October: in time
        t1.Secure(1, null, null, D(10, 3));
        var t2 = T(2, TransitionKind.PrisonRelease, D(10, 10), D(10, 1));      // 9, secured 12 October: late
        t2.Secure(2, null, null, D(10, 12));
        var t3 = T(3, TransitionKind.PsychiatryDischarge, D(10, 15), D(10, 13)); // 2, lapsed
        t3.LapseIfDue(today);
        var t4 = T(4, TransitionKind.HospitalDischarge, D(10, 20), D(10, 6));  // 14, declined 18 October
        t4.Decline("Bor hos sin bror", D(10, 18));
        var t5 = T(5, TransitionKind.Eviction, D(10, 25), D(9, 25));           // 30, still open: the date passed without a place
        var t6 = T(6, TransitionKind.Eviction, D(10, 28), D(10, 20));          // 8, secured 27 October: in time
        t6.Secure(null, null, 3, D(10, 27));
        var t7 = T(7, TransitionKind.PrisonRelease, D(10, 30), D(10, 2));      // 28, secured only 3 November: at October's end, none
        t7.Secure(4, null, null, D(11, 3));
        var t8 = T(8, TransitionKind.PrisonRelease, D(11, 5), D(10, 20));      // November's, not October's
        db.AddRange(t1, t2, t3, t4, t5, t6, t7, t8);
        await db.SaveChangesAsync();
    }
}

public sealed class TransitionReportTests(TransitionMonthFixture api) : IClassFixture<TransitionMonthFixture>
{
    private Task<MonthlyFigures> October() => Build(new YearMonth(2026, 10));

    [Fact]
    public async Task TheMonthsTransitions_ByKindAndOutcome_AsTheyStoodAtItsEnd_WithTheReportsSuppression()
    {
        var t = (await October()).Transitions;
        Assert.Equal((7, false), (t.Total.Value, t.Total.Suppressed));
        Assert.Equal(3, t.ByKind.Single(k => k.Name == "PrisonRelease").Count.Value);
        Assert.Equal(2, t.ByKind.Single(k => k.Name == "Eviction").Count.Value);
        Assert.Equal(1, t.ByKind.Single(k => k.Name == "PsychiatryDischarge").Count.Value);
        Assert.Equal(1, t.ByKind.Single(k => k.Name == "HospitalDischarge").Count.Value);
        Assert.Equal(2, t.Outcome("SecuredInTime").Value);   // t1, t6
        Assert.Equal(1, t.Outcome("SecuredLate").Value);     // t2
        Assert.Equal(1, t.Outcome("Declined").Value);        // t4
        Assert.Equal(3, t.Outcome("StreetOrUnknown").Value); // t3 lapsed, t5 never closed, t7 secured only after the month
        Assert.Equal(0, t.Outcome("StillAhead").Value);
        Assert.All(t.Outcomes.Where(o => o.Count.Value > 0), o => Assert.True(o.Count.Suppressed)); // 1–4 each: "<5"
        Assert.Equal(14, t.MedianDaysOfNotice);              // 2, 8, 9, 14, 28, 30, 30

        var november = (await Build(new YearMonth(2026, 11))).Transitions;
        Assert.Equal(1, november.Total.Value);                // t8, whose night (5 November) has passed without a place
        Assert.Equal(1, november.Outcome("StreetOrUnknown").Value);
        Assert.Null(november.MedianDaysOfNotice);             // fewer than 5: no median
    }

    [Fact]
    public async Task TheCommitteeReadsThem_OnThePage_InTheSummary_AndInTheSpreadsheetRows()
    {
        using var committee = await PageClient.SignedInAsync(api, Role.Committee, 903);
        var page = await committee.Http.GetStringAsync("/udvalg?maaned=2026-10");
        Assert.Contains("Overgange: kendte datoer for at miste taget over hovedet", page);
        Assert.Contains("Overgange med datoen i måneden", page);
        Assert.Contains("7 overgange med en kendt dato for at miste taget over hovedet faldt i måneden: for færre end 5 var en plads " +
            "sikret inden datoen", page);
        Assert.Contains("Løsladelse fra fængsel eller arresthus", page);
        var rows = ReportRows.Of(await October());
        Assert.Contains(rows, r => r.Section == "Overgange efter udfald" && r.Item == "plads sikret først efter datoen");
        Assert.Contains(rows, r => r.Section == "Overgange" && r.Measure == "Dages varsel (median)" && Equals(r.Value, 14.0));
    }

    private async Task<MonthlyFigures> Build(YearMonth month)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MonthlyReportBuilder>().BuildAsync(903, month, default))!;
    }
}
