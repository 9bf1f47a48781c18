using HousingCapacity.Api.Data;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Security;
using HousingCapacity.Api.Tests.Pages;
using HousingCapacity.Domain;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// A hand-built October 2026 of municipality 904 (issue 28.4): a § 110 shelter with one room of 4 beds, and a kuldeberedskab of 3
/// extra beds the nights 10–14 October. One person stays in the room all month; two sleep in the extra beds, 3 nights each.
/// </summary>
public sealed class ExtraBedsMonthFixture : ApiFixture
{
    protected override (Role Role, int MunicipalityCode) DefaultCaller => (Role.HousingOfficer, 904);

    protected override async Task SeedAsync(HousingDbContext db)
    {
        static LocalDate D(int day) => new(2026, 10, day);
        var m = new Municipality(904, "Kuldekommune");
        db.Add(m);
        await db.SaveChangesAsync();
        var shelter = new Facility(m.Id, "Herberget Frost", FacilityKind.Section110Shelter, "Vej 1", GenderRestriction.None, null, null,
            true);
        db.Add(shelter);
        await db.SaveChangesAsync();
        var room = new Unit(shelter.Id, "Værelse 1", 4, UnitStatus.InService);
        var extra = new ExtraBeds(shelter.Id, D(10), D(14), 3, ExtraBedsReason.ColdWeather, null, D(10),
            Instant.FromUtc(2026, 10, 10, 12, 0), "leder");
        db.AddRange(room, extra);
        var persons = Enumerable.Range(1, 3).Select(i => new Person(CprNumber.Parse($"0101{60 + i}-20{i:00}"), "Test", $"Kulde{i}",
            Gender.Male, m.Id)).ToList();
        db.AddRange(persons);
        await db.SaveChangesAsync();
        Placement Stay(Person p, Unit unit, LocalDate start, LocalDate? end) => new(p.Id, unit.Id, shelter.Id, LegalBasis.Section110,
            new DateRange(start, end), SupportMethod.None, null, ReferralRoute.SelfReferral, start.PlusDays(3));
        db.AddRange(Stay(persons[0], room, D(1), null), Stay(persons[1], extra.Unit!, D(10), D(13)),
            Stay(persons[2], extra.Unit!, D(12), D(15)));
        await db.SaveChangesAsync();
    }
}

public sealed class ExtraBedsReportTests(ExtraBedsMonthFixture api) : IClassFixture<ExtraBedsMonthFixture>
{
    [Fact]
    public async Task TheExtraBeds_AreReportedApart_AndTheRegularOccupancyIsTheRegularBedsAlone()
    {
        var f = await OctoberAsync();
        var row = Assert.Single(f.Facilities);
        Assert.Equal((4, 124L, 31L), (row.Beds, row.CapacityBedNights, row.OccupiedBedNights)); // 4 beds × 31 nights; 1 person × 31
        Assert.Equal(0.25, row.OccupancyRate);
        Assert.Equal(0.25, f.Total.OccupancyRate);

        var extra = f.ExtraBeds;
        var place = Assert.Single(extra.Places);
        Assert.Equal(("Herberget Frost", 5, 15L, 6L), (place.Name, place.NightsOpen, place.CapacityBedNights, place.OccupiedBedNights));
        Assert.Equal(0.4, place.OccupancyRate);
        Assert.Equal((5, 15L, 6L, 0.4), (extra.NightsOpen, extra.CapacityBedNights, extra.OccupiedBedNights, extra.OccupancyRate));
        // Admissions count everyone who came, the extra beds' guests too.
        Assert.Equal(3, f.Flow.Admissions.Value);

        var september = await BuildAsync(new YearMonth(2026, 9));
        Assert.Empty(september.ExtraBeds.Places);
        Assert.Equal(0, september.ExtraBeds.NightsOpen);
    }

    [Fact]
    public async Task TheCommitteeReadsThem_OnThePage_InTheSummary_AndInTheSpreadsheetRows()
    {
        using var committee = await PageClient.SignedInAsync(api, Role.Committee, 904);
        var page = await committee.Http.GetStringAsync("/udvalg?maaned=2026-10");
        Assert.Contains("Ekstra senge (kuldeberedskab og lignende)", page);
        Assert.Contains("Ekstra senge var åbne 5 nætter i måneden", page);
        Assert.Contains("Ekstra senge (fx kuldeberedskab) var åbne 5 nætter; 40,0 % af dem var belagt.", page);
        var rows = ReportRows.Of(await OctoberAsync());
        Assert.Contains(rows, r => r.Section == "Ekstra senge" && r.Item == "Herberget Frost" && r.Measure == "Nætter åbne"
            && Equals(r.Value, 5));
        Assert.Contains(rows, r => r.Section == "Ekstra senge" && r.Measure == "Belagte sengenætter" && Equals(r.Value, 6L));
    }

    private Task<MonthlyFigures> OctoberAsync() => BuildAsync(new YearMonth(2026, 10));

    private async Task<MonthlyFigures> BuildAsync(YearMonth month)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MonthlyReportBuilder>().BuildAsync(904, month, default))!;
    }
}
