using HousingCapacity.Api.Data;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// A hand-built history in municipality 901 for the follow-up figures of issue 12: every person is there for one figure, and the
/// figures are asserted number by number in <see cref="Section110ReportTests"/> (October 2026).
/// </summary>
public sealed class FollowUpMonthFixture : ApiFixture
{
    protected override (Role Role, int MunicipalityCode) DefaultCaller => (Role.HousingOfficer, 901);

    protected override async Task SeedAsync(HousingDbContext db)
    {
        static LocalDate D(int year, int month, int day) => new(year, month, day);
        var m = new Municipality(901, "Opfølgningskommune");
        var other = new Municipality(902, "Nabokommune");
        db.AddRange(m, other);
        await db.SaveChangesAsync();
        var shelter = new Facility(m.Id, "Forsorgshjemmet Opfølgning", FacilityKind.Section110Shelter, "Vej 1", GenderRestriction.None,
            null,
            null, true);
        var cafe = new Facility(m.Id, "Natcaféen Opfølgning", FacilityKind.EmergencyBeds, "Vej 2", GenderRestriction.None, null, null, true,
            LegalBasis.Section104);
        db.AddRange(shelter, cafe);
        await db.SaveChangesAsync();
        var room = new Unit(shelter.Id, "Værelser", 10, UnitStatus.InService);
        var bed = new Unit(cafe.Id, "Senge", 5, UnitStatus.InService);
        db.AddRange(room, bed);
        Person P(string cpr, int? municipality = null) => new(CprNumber.Parse(cpr), "Test", "Person", Gender.Male, municipality ?? m.Id);
        var a = P("010170-1001");
        var b = Person.WithoutCpr("Anonym B", Gender.Male, 1980, null, D(2026, 10, 10), null);
        var c = P("010170-1003");
        var d = P("010170-1005");
        var e = P("010170-1007", other.Id);
        var f = P("010170-1009");
        var g = P("010170-1011");
        var y = P("150606-4001"); // 20 in October 2026
        db.AddRange(a, b, c, d, e, f, g, y);
        await db.SaveChangesAsync();

        var workingDays = new PlacementPolicy().WorkingDays();
        Placement Stay(Person p, Unit u, Facility fac, LocalDate start, PriorResidence? prior = null) =>
            new(p.Id, u.Id, fac.Id, fac.LegalBasis, new DateRange(start, null), SupportMethod.None, null, ReferralRoute.SelfReferral,
                fac.LegalBasis == LegalBasis.Section110 ? workingDays.Add(start, 3) : null, priorResidence: prior,
                responsibleMunicipalityId: p.MunicipalityId);
        Placement Ended(Placement s, LocalDate end, Destination to, FollowUpSupport? followUp = null, LocalDate? decided = null)
        {
            s.Discharge(end, DischargeReason.Planned, to, followUp, decided);
            return s;
        }
        db.AddRange(
            // a: discharged home in June with bostøtte decided in time, readmitted 5 October: 45 + 27 = 72 nights by 31 October.
            Ended(Stay(a, room, shelter, D(2026, 5, 1)), D(2026, 6, 15), Destination.OwnHome, FollowUpSupport.HousingSupport85a, D(2026, 6,
                10)),
            Stay(a, room, shelter, D(2026, 10, 5)),
            // b: without a CPR number, from the street and back to it.
            Ended(Stay(b, room, shelter, D(2026, 10, 10), PriorResidence.Street), D(2026, 10, 12), Destination.Street),
            // c: straight from hospital, six days after being turned away.
            Stay(c, room, shelter, D(2026, 10, 20), PriorResidence.Hospital),
            // d: since 1 June, past the 90 nights in force (the 91st night was 30 August): every October night is past.
            Stay(d, room, shelter, D(2026, 6, 1)),
            // e: handlekommune 902; §107 decided on the discharge day (the last day §176 a accepts).
            Ended(Stay(e, room, shelter, D(2026, 10, 2)), D(2026, 10, 4), Destination.OwnHome, FollowUpSupport.Section107, D(2026, 10, 4)),
            // f: discharged home in October 2025 and not back: kept 6 and 12 months.
            Ended(Stay(f, room, shelter, D(2025, 9, 1)), D(2025, 10, 15), Destination.OwnHome),
            // g: discharged home in December 2025, back in March 2026: not kept 6 months.
            Ended(Stay(g, room, shelter, D(2025, 11, 1)), D(2025, 12, 1), Destination.OwnHome),
            Ended(Stay(g, room, shelter, D(2026, 3, 1)), D(2026, 3, 5), Destination.FamilyOrFriends),
            // y: a young person at the §104 night café: no §110 rule, no youth figure.
            Ended(Stay(y, bed, cafe, D(2026, 10, 8)), D(2026, 10, 9), Destination.Unknown));
        db.AddRange(new Turnaway(shelter.Id, D(2026, 10, 14), TurnawayReason.Full, c.Id),
            new Turnaway(shelter.Id, D(2026, 10, 7), TurnawayReason.Full, y.Id));
        var youthList = new Waitlist(m.Id, "Ungeboliger i Opfølgningskommune", WaitlistKind.YouthHousing);
        db.Add(youthList);
        await db.SaveChangesAsync();
        db.Add(new WaitlistEntry(youthList.Id, y.Id, D(2026, 10, 9), Priority.Normal, WaitlistEntryStatus.Waiting));
        await db.SaveChangesAsync();
    }
}

public class Section110ReportTests(FollowUpMonthFixture api) : IClassFixture<FollowUpMonthFixture>
{
    private async Task<MonthlyFigures> October()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MonthlyReportBuilder>().BuildAsync(901, new YearMonth(2026, 10), default))!;
    }

    [Fact]
    public async Task Section110Figures_HandBuiltHistory_NumberByNumber()
    {
        var s = (await October()).Section110;
        Assert.Equal(4, s.Admissions.Value);                                  // a, b, c, e (y is at the §104 café)
        Assert.Equal(2, s.AdmissionsByHandlekommune.Single(n => n.Name == "901 Opfølgningskommune").Count.Value); // a, c
        Assert.Equal(1, s.AdmissionsByHandlekommune.Single(n => n.Name == "902 Nabokommune").Count.Value);        // e
        Assert.Equal(1, s.AdmissionsByHandlekommune.Single(n => n.Name == "Ukendt").Count.Value);                 // b
        Assert.Equal(1, s.AdmissionsWithoutCpr.Value);
        Assert.Equal(1, s.PersonsWithoutCpr.Value);
        Assert.Equal(1, s.PersonsAtWarning.Value);                            // a: 72 nights, past the warning at 60
        Assert.Equal(1, s.PersonsPastThreshold.Value);                        // d
        Assert.Equal(31, s.NightsPastThreshold.Value);                        // d's 31 October nights
        Assert.Equal(2, s.Discharges.Value);                                  // b, e
        Assert.Equal(1, s.DischargesByFollowUpSupport.Single(n => n.Name == "Section107").Count.Value);
        Assert.Equal(1, s.DischargesByFollowUpSupport.Single(n => n.Name == "None").Count.Value);
        Assert.Equal(1, s.FollowUpDecidedBeforeDischarge.Value);              // e's decision came on the discharge day
        Assert.Equal(1, s.Readmissions12Months.Value);                        // a
        Assert.Equal(1, s.DischargesToStreetOrUnknown.Value);                 // b
        Assert.Equal(1, s.AdmissionsByPriorResidence.Single(n => n.Name == "Street").Count.Value);
        Assert.Equal(1, s.AdmissionsByPriorResidence.Single(n => n.Name == "Hospital").Count.Value);
        Assert.Equal(2, s.AdmissionsByPriorResidence.Single(n => n.Name == "Unknown").Count.Value);
        Assert.Equal(1, s.AdmissionsFromHospitalPsychiatryOrPrison.Value);    // c
        Assert.Equal(1, s.AdmissionsAfterTurnaway.Value);                     // c
        Assert.Null(s.MedianDaysFromFirstTurnaway);                           // fewer than 5
        Assert.Equal((2, 1), (s.HousingKeptSixMonths.Cohort.Value, s.HousingKeptSixMonths.StillHoused.Value));     // f kept, g not
        Assert.Equal((1, 1), (s.HousingKeptTwelveMonths.Cohort.Value, s.HousingKeptTwelveMonths.StillHoused.Value)); // f
        Assert.True(s.Admissions.Suppressed);
    }

    [Fact]
    public async Task CountingYear_InTheFlow_IsThePersonsPastTheThreshold()
    {
        var f = await October();
        Assert.Equal(1, f.Flow.PersonsPastSection110Threshold.Value);
        Assert.Equal(0, f.Youth.AdmittedToSection110.Value);                  // y was at a §104 café
        Assert.Equal(4, f.Notifications.Due.Value);                           // the four §110 admissions, none at the café
    }

    [Fact]
    public async Task YouthHousingDemand_EntriesAndYoungTurnedAway()
    {
        var y = (await October()).YouthHousing;
        Assert.Equal((1, 1, 1), (y.NewEntries.Value, y.WaitingAtMonthEnd.Value, y.YoungTurnedAway.Value));
        Assert.Null(y.MedianDaysToAcceptedOffer);
    }

    [Fact]
    public async Task Trend_MonthWithoutCapacityOrStays_IsAGap_NotZero()
    {
        var trend = (await October()).Trend;
        // The café had no stay and no report before October 2026; the shelter had stays in November 2025.
        Assert.Null(trend.Single(t => t.Month == "2025-11" && t.Kind == FacilityKind.EmergencyBeds).OccupancyRate);
        Assert.NotNull(trend.Single(t => t.Month == "2026-10" && t.Kind == FacilityKind.EmergencyBeds).OccupancyRate);
        Assert.NotNull(trend.Single(t => t.Month == "2025-11" && t.Kind == FacilityKind.Section110Shelter).OccupancyRate);
    }

    [Fact]
    public async Task Report_NewFiguresAreInTheJsonCsvAndPdf()
    {
        var committee = api.As(Role.Committee, 901);
        var json = await committee.GetAsync("/reports/monthly/901/2026-10.json");
        Assert.Equal(HttpStatusCode.OK, json.Status);
        Assert.Equal("<5", json.Json.GetProperty("Section110").GetProperty("Readmissions12Months").GetString());
        var csv = await committee.GetAsync("/reports/monthly/901/2026-10.csv");
        Assert.Contains("§ 110;Tælleår;Nætter over tærsklen;31", csv.Body);
        Assert.Contains("Bolig fastholdt;Efter 6 måneder;Personer i kohorten;<5", csv.Body);
        var pdf = await committee.GetAsync("/reports/monthly/901/2026-10.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.Status);
    }
}
