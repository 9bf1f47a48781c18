using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Domain.Tests;

/// <summary>Serviceloven §176 a, stk. 1–3, at its edges.</summary>
public class Section176aTests
{
    private static Section176a.Stay Stay(int id, LocalDate discharged, FollowUpSupport support, LocalDate decided,
        LocalDate? after107 = null, int person = 1) => new(id, person, discharged, support, decided, after107);

    [Fact]
    public void Section176a_ADecisionOnTheDischargeDay_Qualifies_OneTheDayAfter_DoesNot()
    {
        var out1 = new LocalDate(2026, 3, 10);
        var claims = Section176a.Claims([Stay(1, out1, FollowUpSupport.HousingSupport85a, out1),
            Stay(2, out1, FollowUpSupport.HousingSupport85a, out1.PlusDays(1), person: 2)]);
        var claim = Assert.Single(claims);
        Assert.Equal((1, out1, out1.PlusYears(2)), (claim.PlacementId, claim.PeriodStart, claim.PeriodEnd));
    }

    [Fact]
    public void Section176a_AReadmissionWithinTheTwoYears_DoesNotRestartThePeriod_OneAfterItDoes()
    {
        var first = new LocalDate(2025, 1, 15);
        var second = new LocalDate(2026, 6, 1);      // readmitted and discharged again inside the 2 years
        var third = new LocalDate(2027, 2, 1);       // after the period ended on 15 January 2027
        var claims = Section176a.Claims([
            Stay(1, first, FollowUpSupport.HousingSupport85a, first.PlusDays(-5)),
            Stay(2, second, FollowUpSupport.HousingSupport85a, second.PlusDays(-2)),
            Stay(3, third, FollowUpSupport.HousingSupport85a, third)]);
        Assert.Equal([(1, first, true), (2, first, false), (3, third, true)],
            claims.Select(c => (c.PlacementId, c.PeriodStart, c.StartsPeriod)));
        Assert.Equal(first.PlusYears(2), claims[1].PeriodEnd);
    }

    [Fact]
    public void Section176a_Section107_RunsOneYear_AndThenHousingSupportIsItsOwnRouteFromTheSameDischarge()
    {
        var discharged = new LocalDate(2026, 2, 1);
        var claims = Section176a.Claims([Stay(1, discharged, FollowUpSupport.Section107, discharged.PlusDays(-10),
            after107: discharged.PlusMonths(5))]);
        Assert.Equal(2, claims.Count);
        var stay107 = claims.Single(c => c.Route == RefusionRoute.Section107);
        Assert.Equal(discharged.PlusYears(1), stay107.PeriodEnd);
        var then85a = claims.Single(c => c.Route == RefusionRoute.Section107ThenHousingSupport85a);
        Assert.Equal((discharged, discharged.PlusYears(2), discharged.PlusMonths(5)), (then85a.PeriodStart, then85a.PeriodEnd,
            then85a.DecidedOn));
    }

    [Fact]
    public void Discharge_AFollowUpDecisionAfterTheDischargeOrInTheFuture_IsRefused()
    {
        static Placement Stay() => new(1, 1, 1, LegalBasis.Section110, new DateRange(new LocalDate(2026, 11, 1), null), SupportMethod.None,
            null, ReferralRoute.SelfReferral, null);
        var end = new LocalDate(2026, 11, 20);
        var today = new LocalDate(2026, 11, 22);
        Assert.Equal("FollowUpDecidedAfterDischarge", Assert.Throws<DomainRuleException>(() =>
            Stay().Discharge(end, DischargeReason.Planned, Destination.OwnHome, FollowUpSupport.HousingSupport85a, end.PlusDays(1), today))
                .Code);
        // A discharge planned for next week, with a decision dated after today: not yet made.
        var planned = today.PlusDays(7);
        Assert.Equal("FollowUpDecidedInFuture", Assert.Throws<DomainRuleException>(() =>
            Stay().Discharge(planned, DischargeReason.Planned, Destination.OwnHome, FollowUpSupport.HousingSupport85a, today.PlusDays(1),
                today)).Code);
        var ok = Stay();
        ok.Discharge(end, DischargeReason.Planned, Destination.OwnHome, FollowUpSupport.HousingSupport85a, end, today);
        Assert.True(ok.FollowUpDecidedBeforeDischarge);
    }

    [Fact]
    public void RecordHousingSupportAfterSection107_OnlyAfterA107Decision_AfterTheDischarge_WithinTwoYears()
    {
        var end = new LocalDate(2025, 6, 1);
        var today = new LocalDate(2026, 11, 22);
        Placement Stay(FollowUpSupport support)
        {
            var p = new Placement(1, 1, 1, LegalBasis.Section110, new DateRange(new LocalDate(2025, 5, 1), null), SupportMethod.None, null,
                ReferralRoute.SelfReferral, null);
            p.Discharge(end, DischargeReason.Planned, Destination.SupportedHousing, support, end.PlusDays(-3), today);
            return p;
        }
        Assert.Equal("NotAfterSection107", Assert.Throws<DomainRuleException>(() =>
            Stay(FollowUpSupport.HousingSupport85a).RecordHousingSupportAfterSection107(end.PlusMonths(4), today)).Code);
        Assert.Equal("DecidedBeforeSection107Stay", Assert.Throws<DomainRuleException>(() =>
            Stay(FollowUpSupport.Section107).RecordHousingSupportAfterSection107(end, today)).Code);
        Assert.Equal("FollowUpDecidedInFuture", Assert.Throws<DomainRuleException>(() =>
            Stay(FollowUpSupport.Section107).RecordHousingSupportAfterSection107(today.PlusDays(1), today)).Code);
        Assert.Equal("OutsideRefusionPeriod", Assert.Throws<DomainRuleException>(() =>
            Stay(FollowUpSupport.Section107).RecordHousingSupportAfterSection107(end.PlusYears(2), end.PlusYears(3))).Code);
        var ok = Stay(FollowUpSupport.Section107);
        ok.RecordHousingSupportAfterSection107(end.PlusMonths(4), today);
        Assert.Equal(new DateOnly(2025, 10, 1), ok.HousingSupportAfter107DecidedOn);
    }
}
