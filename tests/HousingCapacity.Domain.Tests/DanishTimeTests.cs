using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Domain.Tests;

public class DanishTimeTests
{
    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    [Fact]
    public void Today_JustAfterMidnightInCopenhagen_IsTheNewDayWhileUtcIsStillYesterday()
    {
        // 2026-11-22 00:10 in Copenhagen (CET, UTC+1) is 2026-11-21 23:10 UTC.
        var clock = new FixedClock(Instant.FromUtc(2026, 11, 21, 23, 10));
        Assert.Equal(new LocalDate(2026, 11, 22), DanishTime.Today(clock));
    }

    [Fact]
    public void Today_InSummerTime_UsesUtcPlusTwo()
    {
        var clock = new FixedClock(Instant.FromUtc(2026, 6, 30, 22, 30)); // 00:30 CEST on 1 July
        Assert.Equal(new LocalDate(2026, 7, 1), DanishTime.Today(clock));
    }

    [Theory]
    [InlineData(2026, 3, 22, 17)] // the day before the 18th birthday
    [InlineData(2026, 3, 23, 18)] // the birthday
    [InlineData(2034, 3, 22, 25)] // the day before the 26th birthday
    [InlineData(2034, 3, 23, 26)]
    public void AgeOn_CountsWholeYears(int year, int month, int day, int expected) =>
        Assert.Equal(expected, DanishTime.AgeOn(new LocalDate(2008, 3, 23), new LocalDate(year, month, day)));

    [Fact]
    public void AgeOn_29FebruaryBirthday_CountsOn1MarchInCommonYears()
    {
        var birth = new LocalDate(2008, 2, 29);
        Assert.Equal(17, DanishTime.AgeOn(birth, new LocalDate(2026, 2, 28)));
        Assert.Equal(18, DanishTime.AgeOn(birth, new LocalDate(2026, 3, 1)));
        Assert.Equal(20, DanishTime.AgeOn(birth, new LocalDate(2028, 2, 29)));
    }

    [Fact]
    public void WeekdaysAdd_FromFriday_SkipsTheWeekend() =>
        Assert.Equal(new LocalDate(2026, 11, 25), Weekdays.Add(new LocalDate(2026, 11, 20), 3)); // Fri → Wed

    [Fact]
    public void WeekdaysAdd_FromSaturday_CountsFromMonday() =>
        Assert.Equal(new LocalDate(2026, 11, 25), Weekdays.Add(new LocalDate(2026, 11, 21), 3)); // Sat → Wed
}
