using NodaTime;

namespace HousingCapacity.Domain.Tests;

/// <summary>Extra beds for a period (issue 28.4) at their edges: the first and last night, an early close, a stay that ends with them.
/// </summary>
public class ExtraBedsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 5, 20, 0);
    private static readonly LocalDate First = new(2026, 1, 5);

    private static ExtraBeds Opened(int nights = 10, LocalDate? tonight = null) =>
        new(1, First, First.PlusDays(nights - 1), 4, ExtraBedsReason.ColdWeather, null, tonight ?? First, Now, "leder");

    [Fact]
    public void TheirUnit_IsOpenFromTheFirstNight_ThroughTheLast_AndNotTheNightAfter()
    {
        var beds = Opened();
        var unit = beds.Unit!;
        Assert.True(unit.IsExtra);
        Assert.Equal("Ekstra senge (kuldeberedskab)", unit.Label);
        Assert.False(unit.InServiceOn(First.PlusDays(-1)));
        Assert.True(unit.InServiceOn(First));
        Assert.True(unit.InServiceOn(First.PlusDays(9)));
        Assert.False(unit.InServiceOn(First.PlusDays(10)));
        Assert.Equal(10, beds.Nights);
    }

    [Fact]
    public void AStayAskedWithoutAnEnd_EndsTheMorningAfterTheLastNight_AndOneBeyondIsNotWithinThem()
    {
        var unit = Opened().Unit!;
        var open = unit.StayFor(new DateRange(First.PlusDays(2), null));
        Assert.Equal(First.PlusDays(10), open.End);
        Assert.True(unit.OpenThroughout(open));
        Assert.False(unit.OpenThroughout(new DateRange(First.PlusDays(2), First.PlusDays(11))));
        Assert.False(unit.OpenThroughout(new DateRange(First.PlusDays(-1), First.PlusDays(1))));
        // A stay asked from after the last night keeps no end: nothing to give.
        Assert.False(unit.OpenThroughout(unit.StayFor(new DateRange(First.PlusDays(10), null))));
        var regular = new Unit(1, "Værelse 1", 2, UnitStatus.InService);
        Assert.Null(regular.StayFor(new DateRange(First, null)).End);
        Assert.True(regular.OpenThroughout(new DateRange(First, null)));
    }

    [Theory]
    [InlineData(183, true)]
    [InlineData(184, true)]
    [InlineData(185, false)]
    public void APeriod_IsAtMost184Nights(int nights, bool allowed)
    {
        var made = Record.Exception(() => Opened(nights));
        Assert.Equal(allowed, made is null);
        if (!allowed) Assert.Equal("PeriodTooLong", ((DomainRuleException)made!).Code);
    }

    [Fact]
    public void ClosingEarly_OnlyNightsNotYetPast_OnlyWhenNobodyHasABed_AndNeverLater()
    {
        var beds = Opened();
        var tonight = First.PlusDays(4);
        Assert.Equal("NightPast", Assert.Throws<DomainRuleException>(() =>
            beds.CloseEarly(First.PlusDays(2), tonight, 0, Now, "leder")).Code);
        Assert.Equal("ExtraBedsInUse", Assert.Throws<DomainRuleException>(() =>
            beds.CloseEarly(tonight.PlusDays(-1), tonight, 2, Now, "leder")).Code);
        Assert.Equal("NotEarlier", Assert.Throws<DomainRuleException>(() =>
            beds.CloseEarly(First.PlusDays(9), tonight, 0, Now, "leder")).Code);
        Assert.Equal(First.PlusDays(9).ToDateOnly(), beds.LastNight); // nothing changed by a refusal

        beds.CloseEarly(tonight.PlusDays(-1), tonight, 0, Now, "leder");
        Assert.Equal(4, beds.Nights);
        Assert.Equal(First.PlusDays(9).ToDateOnly(), beds.PlannedLastNight);
        Assert.False(beds.Unit!.InServiceOn(tonight));
        Assert.True(beds.Unit.InServiceOn(tonight.PlusDays(-1)));
    }

    [Fact]
    public void BedsNotYetOpened_CanBeCalledOff_LeavingNoNight()
    {
        var beds = Opened(tonight: First.PlusDays(-3));
        beds.CloseEarly(First.PlusDays(-1), First.PlusDays(-3), 0, Now, "leder");
        Assert.Equal(0, beds.Nights);
        Assert.False(beds.Unit!.InServiceOn(First));
    }

    [Fact]
    public void OpeningThem_ForANightPast_OrForOtherWithoutANote_IsRefused()
    {
        Assert.Equal("FirstNightPast", Assert.Throws<DomainRuleException>(() => Opened(tonight: First.PlusDays(1))).Code);
        Assert.Equal("NoteRequired", Assert.Throws<DomainRuleException>(() =>
            new ExtraBeds(1, First, First, 2, ExtraBedsReason.Other, " ", First, Now, "leder")).Code);
    }

    [Fact]
    public void AStayWithAnEndGivenAtItsStart_IsDischargedOnOrBeforeThatEnd_AndOnlyOnce()
    {
        var stay = new Placement(1, 2, 3, LegalBasis.Section110, new DateRange(First, First.PlusDays(5)), SupportMethod.None, null,
            ReferralRoute.SelfReferral, null);
        Assert.Equal("AfterPlannedEnd", Assert.Throws<DomainRuleException>(() =>
            stay.Discharge(First.PlusDays(6), DischargeReason.Planned, Destination.OwnHome)).Code);
        stay.Discharge(First.PlusDays(3), DischargeReason.Planned, Destination.OwnHome);
        Assert.Equal(First.PlusDays(3).ToDateOnly(), stay.EndDate);
        Assert.Equal("AlreadyDischarged", Assert.Throws<DomainRuleException>(() =>
            stay.Discharge(First.PlusDays(2), DischargeReason.Planned, Destination.OwnHome)).Code);
    }
}
