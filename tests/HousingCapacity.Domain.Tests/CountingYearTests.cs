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

    /// <summary>
    /// Issue 30: the chain of years is walked over the stays' ranges, not night by night. It agrees with the rule as written
    /// (every night in order; a night on or after the year's reset begins the next year) for random histories of up to ten years
    /// with overlapping, touching and ongoing stays and leap days, and leaves out exactly the years that reset by the day asked.
    /// </summary>
    [Fact]
    public void CountingYear_OverRanges_AgreesWithCountingNightByNight()
    {
        var random = new Random(30);
        for (var round = 0; round < 1500; round++)
        {
            var day0 = D(2023, 6, 1).PlusDays(random.Next(0, 400));
            var stays = Enumerable.Range(0, random.Next(0, 14)).Select(_ =>
            {
                var start = day0.PlusDays(random.Next(0, 3650));
                return Stay(start, random.Next(6) == 0 ? null : start.PlusDays(random.Next(1, random.Next(2) == 0 ? 20 : 400)));
            }).ToList();
            var upTo = day0.PlusDays(random.Next(0, 3800));
            var expected = NightByNight(stays, upTo);
            var actual = CountingYear.Of(stays, upTo, Rules);
            Assert.Equal(expected.Select(y => (y.Start, y.ResetOn, string.Join(",", y.Nights))),
                actual.Select(y => (y.Start, y.ResetOn, string.Join(",", y.Nights))));
            var after = upTo.PlusDays(-random.Next(0, 800));
            Assert.Equal(expected.Where(y => y.ResetOn > after).Select(y => (y.Start, y.Nights.Count)),
                CountingYear.Of(stays, upTo, Rules, resetAfter: after).Select(y => (y.Start, y.Nights.Count)));
        }
    }

    /// <summary>The rule as written: every §110 night from the reform on, in order; a night on or after the year's reset begins
    /// the next year.</summary>
    private static List<CountingYear> NightByNight(List<DateRange> stays, LocalDate upTo)
    {
        var nights = new SortedSet<LocalDate>();
        foreach (var stay in stays)
            for (var n = stay.Start < Rules.CountFrom ? Rules.CountFrom : stay.Start; n <= upTo && (stay.End is null || n < stay.End);
                 n = n.PlusDays(1))
                nights.Add(n);
        var years = new List<CountingYear>();
        foreach (var night in nights)
            if (years.Count == 0 || night >= years[^1].ResetOn)
                years.Add(new CountingYear(night, night.PlusYears(1), new List<LocalDate> { night }));
            else ((List<LocalDate>)years[^1].Nights).Add(night);
        return years;
    }
}
