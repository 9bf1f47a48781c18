using NodaTime;
using NodaTime.Testing;

namespace HousingCapacity.Domain.Tests;

public class DanishTimeTests
{
    [Fact]
    public void Today_JustAfterMidnightInCopenhagen_IsTheNewDayWhileUtcIsStillYesterday()
    {
        // 2026-11-22 00:10 in Copenhagen (CET, UTC+1) is 2026-11-21 23:10 UTC.
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 21, 23, 10));
        Assert.Equal(new LocalDate(2026, 11, 22), DanishTime.Today(clock));
    }

    [Fact]
    public void Today_InSummerTime_UsesUtcPlusTwo()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 6, 30, 22, 30)); // 00:30 CEST on 1 July
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
    public void WorkingDaysAdd_FromFriday_SkipsTheWeekend() =>
        Assert.Equal(new LocalDate(2026, 11, 25), WorkingDays.HolidaysOnly.Add(new LocalDate(2026, 11, 20), 3)); // Fri → Wed

    [Fact]
    public void WorkingDaysAdd_FromSaturday_CountsFromMonday() =>
        Assert.Equal(new LocalDate(2026, 11, 25), WorkingDays.HolidaysOnly.Add(new LocalDate(2026, 11, 21), 3)); // Sat → Wed
}

public class DanishHolidayTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    public void EasterSunday_KnownYears(int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), DanishHolidays.EasterSunday(year));

    [Theory]
    [InlineData(2026, 4, 2)]   // skærtorsdag
    [InlineData(2026, 4, 3)]   // langfredag
    [InlineData(2026, 4, 6)]   // 2. påskedag
    [InlineData(2026, 5, 14)]  // Kristi himmelfart
    [InlineData(2026, 5, 25)]  // 2. pinsedag
    [InlineData(2026, 12, 25)]
    [InlineData(2026, 12, 26)]
    [InlineData(2027, 1, 1)]
    [InlineData(2023, 5, 5)]   // store bededag, before it was abolished
    public void IsHoliday_PublicHolidays(int year, int month, int day) =>
        Assert.True(DanishHolidays.IsHoliday(new LocalDate(year, month, day)));

    [Theory]
    [InlineData(2026, 6, 5)]   // grundlovsdag: a customary day off, not a public holiday
    [InlineData(2026, 12, 24)]
    [InlineData(2026, 5, 1)]   // store bededag would have been 1 May 2026; abolished from 2024
    public void IsHoliday_OtherDays(int year, int month, int day) =>
        Assert.False(DanishHolidays.IsHoliday(new LocalDate(year, month, day)));

    [Fact]
    public void WorkingDaysAdd_OverEaster_SkipsTheHolidays() =>
        // Admitted Wednesday 1 April 2026: Thu 2 and Fri 3 (holidays), weekend, Mon 6 (holiday) → Tue 7, Wed 8, Thu 9.
        Assert.Equal(new LocalDate(2026, 4, 9), WorkingDays.HolidaysOnly.Add(new LocalDate(2026, 4, 1), 3));

    [Fact]
    public void WorkingDaysAdd_OverChristmas_SkipsTheHolidays() =>
        // Admitted Wednesday 23 December 2026: Thu 24 counts, Fri 25 and Sat 26 do not; Mon 28, Tue 29.
        Assert.Equal(new LocalDate(2026, 12, 29), WorkingDays.HolidaysOnly.Add(new LocalDate(2026, 12, 23), 3));
}
