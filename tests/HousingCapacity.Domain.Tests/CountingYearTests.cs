using NodaTime;

namespace HousingCapacity.Domain.Tests;

/// <summary>The §110 counting year (Social- og Boligstyrelsen: up to 120 days "pr. løbende år fra første indskrivning", 90 from
/// 1 April 2026, reset one year after the first admission), at its edges.</summary>
public class CountingYearTests
{
    private static readonly CountingYearRules Rules = new PlacementPolicy().CountingYearRules();
    private static LocalDate D(int y, int m, int d) => new(y, m, d);
    private static DateRange Stay(LocalDate from, LocalDate? to) => new(from, to);

    [Fact]
    public void CountingYear_BeginsWithTheFirstNight_AndResetsOneYearLater_NotASlidingWindow()
    {
        // 30 nights from 2025-01-10, then 30 nights from 2025-12-20. The year anchored on 2025-01-10 holds the 21 nights up to
        // 2026-01-09 as well; it resets on 2026-01-10, and that night begins the next year.
        var years = CountingYear.Of([Stay(D(2025, 1, 10), D(2025, 2, 9)), Stay(D(2025, 12, 20), D(2026, 1, 19))], D(2026, 1, 31), Rules);
        Assert.Equal(2, years.Count);
        Assert.Equal(D(2025, 1, 10), years[0].Start);
        Assert.Equal(D(2026, 1, 10), years[0].ResetOn);
        Assert.Equal(30 + 21, years[0].Nights.Count); // 2025-12-20 … 2026-01-09 still belong to the first year
        Assert.Equal(D(2026, 1, 10), years[1].Start); // the night the year resets begins the next year
        Assert.Equal(9, years[1].Nights.Count);       // 10 … 18 January
    }

    [Fact]
    public void CountingYear_NextYearBeginsWithTheFirstNightAfterTheReset_NotOnTheResetDay()
    {
        var years = CountingYear.Of([Stay(D(2024, 3, 1), D(2024, 3, 11)), Stay(D(2025, 5, 1), D(2025, 5, 3))], D(2025, 12, 1), Rules);
        Assert.Equal([D(2024, 3, 1), D(2025, 5, 1)], years.Select(y => y.Start));
        Assert.Equal(D(2026, 5, 1), years[1].ResetOn);
    }

    [Fact]
    public void CountingYear_StaySpanningTheReset_IsSplitBetweenTheYears()
    {
        var years = CountingYear.Of([Stay(D(2024, 6, 1), null)], D(2025, 6, 10), Rules);
        Assert.Equal(2, years.Count);
        Assert.Equal(D(2025, 6, 1), years[0].ResetOn);
        Assert.Equal(365, years[0].Nights.Count);
        Assert.Equal(10, years[1].NightsUpTo(D(2025, 6, 10)));
    }

    [Fact]
    public void CountingYear_StaysAtSeveralFacilities_CountEachNightOnce()
    {
        // Two stays (different places, different municipalities) that share a night count it once.
        var year = Assert.Single(CountingYear.Of([Stay(D(2026, 5, 1), D(2026, 5, 11)), Stay(D(2026, 5, 10), D(2026, 5, 20))],
            D(2026, 6, 1), Rules));
        Assert.Equal(19, year.Nights.Count);
    }

    [Fact]
    public void CountingYear_NightsBeforeTheReform_BeginNoYear()
    {
        var year = Assert.Single(CountingYear.Of([Stay(D(2023, 9, 20), D(2023, 10, 5))], D(2023, 12, 1), Rules));
        Assert.Equal(D(2023, 10, 1), year.Start);
        Assert.Equal(4, year.Nights.Count);
    }

    [Fact]
    public void Threshold_Is120BeforeApril2026_And90From()
    {
        Assert.Equal(120, Rules.ThresholdOn(D(2026, 3, 31)));
        Assert.Equal(90, Rules.ThresholdOn(D(2026, 4, 1)));
        Assert.Equal(120, Rules.ThresholdOn(D(2023, 10, 1)));
    }

    [Fact]
    public void Threshold_YearSpanningApril2026_EachNightIsJudgedByTheThresholdInForceOnIt()
    {
        // From 2026-01-01 without a break: 31 + 28 + 31 = 90 nights up to 31 March (under 120), and the 91st night, 1 April, is
        // past the 90 in force from that night.
        var year = Assert.Single(CountingYear.Of([Stay(D(2026, 1, 1), null)], D(2026, 4, 30), Rules));
        Assert.Null(year.ThresholdPassedOn(Rules, D(2026, 3, 31)));
        Assert.Equal(D(2026, 4, 1), year.ThresholdPassedOn(Rules, D(2026, 4, 30)));
        Assert.Equal(30, year.NightsPastThreshold(Rules, D(2026, 4, 1), D(2026, 4, 30)));
    }

    [Fact]
    public void Threshold_YearBeforeApril2026_Passes120th()
    {
        var year = Assert.Single(CountingYear.Of([Stay(D(2025, 1, 1), null)], D(2025, 6, 30), Rules));
        Assert.Equal(D(2025, 1, 1).PlusDays(120), year.ThresholdPassedOn(Rules, D(2025, 6, 30))); // the 121st night
    }

    [Theory]
    [InlineData(59, null)]
    [InlineData(60, 60)]
    [InlineData(74, 60)]
    [InlineData(75, 75)]
    [InlineData(95, 75)]
    public void Warnings_AtConfiguredNightCounts_BelowTheThreshold(int nights, int? expected) =>
        Assert.Equal(expected, Rules.WarningReached(nights, 90));

    [Fact]
    public void Warnings_AboveTheThresholdInForce_AreNotWarnings() =>
        Assert.Null(new CountingYearRules(D(2023, 10, 1), [(D(2023, 10, 1), 50)], [60, 75]).WarningReached(70, 50));

    [Fact]
    public void Thresholds_FromConfiguration_AreParsedAndBadOnesRefused()
    {
        var policy = new PlacementPolicy { CountingYearThresholds = ["2023-10-01=100", "2027-01-01=60"] };
        Assert.Equal(60, policy.CountingYearRules().ThresholdOn(D(2027, 1, 1)));
        Assert.Throws<FormatException>(() => new PlacementPolicy { CountingYearThresholds = ["1 April=90"] }.CountingYearRules());
    }
}
