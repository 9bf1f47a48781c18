using HousingCapacity.Domain;
using NodaTime;
using NodaTime.Testing;

namespace HousingCapacity.Domain.Tests;

public class NightTests
{
    [Theory]
    [InlineData(2026, 12, 5, 22, 59, 6, "2026-12-05")] // 23:59 on the 5th in Copenhagen
    [InlineData(2026, 12, 5, 23, 30, 6, "2026-12-05")] // 00:30 on the 6th: still the night between the 5th and the 6th
    [InlineData(2026, 12, 6, 4, 59, 6, "2026-12-05")]  // 05:59
    [InlineData(2026, 12, 6, 5, 0, 6, "2026-12-06")]   // 06:00: the night is over
    [InlineData(2026, 12, 6, 5, 30, 6, "2026-12-06")]  // 06:30
    [InlineData(2026, 12, 5, 23, 30, 0, "2026-12-06")] // hour 0: midnight ends the night
    [InlineData(2026, 7, 1, 3, 30, 6, "2026-06-30")]   // 05:30 summer time on 1 July: the night of 30 June
    public void Night_IsNamedByTheDateItBegan_UntilTheMorningHour(int y, int m, int d, int h, int min, int endsAt, string night)
    {
        var clock = new FakeClock(Instant.FromUtc(y, m, d, h, min));
        Assert.Equal(night, DanishTime.Night(clock, endsAt).ToString("yyyy-MM-dd", null));
    }
}
