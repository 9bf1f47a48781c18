using NodaTime;

namespace HousingCapacity.Domain.Tests;

public class DateRangeTests
{
    private static LocalDate D(int day) => new(2026, 11, day);

    [Fact]
    public void Overlaps_StayEndingTheDayAnotherStarts_DoesNotOverlap() =>
        Assert.False(new DateRange(D(1), D(5)).Overlaps(new DateRange(D(5), D(8))));

    [Fact]
    public void Overlaps_SharedNight_Overlaps() =>
        Assert.True(new DateRange(D(1), D(6)).Overlaps(new DateRange(D(5), D(8))));

    [Fact]
    public void Overlaps_OpenRange_OverlapsEverythingAfterItsStart()
    {
        var open = new DateRange(D(10), null);
        Assert.True(open.Overlaps(new DateRange(D(20), D(21))));
        Assert.False(open.Overlaps(new DateRange(D(1), D(10))));
        Assert.True(open.Overlaps(new DateRange(D(1), null)));
    }

    [Fact]
    public void ContainsNight_EndIsExclusive()
    {
        var stay = new DateRange(D(1), D(3));
        Assert.True(stay.ContainsNight(D(1)));
        Assert.True(stay.ContainsNight(D(2)));
        Assert.False(stay.ContainsNight(D(3)));
        Assert.False(stay.ContainsNight(D(0 + 30).PlusMonths(-1)));
    }

    [Fact]
    public void Nights_OneNightStay_IsOne() => Assert.Equal(1, new DateRange(D(1), D(2)).Nights(D(30)));

    [Fact]
    public void Nights_OpenStay_CountsToTheGivenDate() => Assert.Equal(9, new DateRange(D(1), null).Nights(D(10)));

    [Fact]
    public void Constructor_EndNotAfterStart_Throws()
    {
        Assert.Equal("EndNotAfterStart", Assert.Throws<DomainRuleException>(() => new DateRange(D(5), D(5))).Code);
        Assert.Throws<DomainRuleException>(() => new DateRange(D(5), D(4)));
    }

    [Fact]
    public void Nights_AcrossDaylightSavingChange_CountsCalendarNights() =>
        // 25 October 2026 has 25 hours in Copenhagen; it is still one night.
        Assert.Equal(31, new DateRange(new LocalDate(2026, 10, 1), new LocalDate(2026, 11, 1)).Nights(D(30)));
}
