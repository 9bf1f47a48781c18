using NodaTime;

namespace HousingCapacity.Domain.Tests;

/// <summary>"Hverdage": weekends and public holidays skipped (no store bededag from 2024), and by default also 5 June, 24 and 31
/// December (configurable).</summary>
public class WorkingDayTests
{
    private static readonly WorkingDays Default = new PlacementPolicy().WorkingDays();

    [Fact]
    public void WorkingDays_Default_SkipsChristmasEveAndNewYearsEve()
    {
        // Admitted Wednesday 23 December 2026: 24 (juleaftensdag), 25, 26, 27 are not working days; Mon 28, Tue 29, Wed 30.
        Assert.Equal(new LocalDate(2026, 12, 30), Default.Add(new LocalDate(2026, 12, 23), 3));
        // Admitted Tuesday 29 December 2026: Wed 30 counts, Thu 31 and Fri 1 January do not; Mon 4, Tue 5 January.
        Assert.Equal(new LocalDate(2027, 1, 5), Default.Add(new LocalDate(2026, 12, 29), 3));
    }

    [Fact]
    public void WorkingDays_Default_SkipsGrundlovsdag() =>
        // Thursday 4 June 2026: Fri 5 (grundlovsdag) does not count; Mon 8, Tue 9, Wed 10.
        Assert.Equal(new LocalDate(2026, 6, 10), Default.Add(new LocalDate(2026, 6, 4), 3));

    [Fact]
    public void WorkingDays_StoreBededag2026_IsAWorkingDay() =>
        // Store bededag would have been Friday 1 May 2026; abolished from 2024 (lov nr. 153 af 28.2.2023).
        Assert.True(Default.IsWorkingDay(new LocalDate(2026, 5, 1)));

    [Fact]
    public void WorkingDays_Configured_EmptyListCountsOnlyWeekendsAndHolidays()
    {
        var none = new PlacementPolicy { ExtraNonWorkingDays = [] }.WorkingDays();
        Assert.True(none.IsWorkingDay(new LocalDate(2026, 6, 5)));
        Assert.Throws<FormatException>(() => new PlacementPolicy { ExtraNonWorkingDays = ["5 juni"] }.WorkingDays());
    }
}
