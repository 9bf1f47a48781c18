using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// Working-day arithmetic for statutory deadlines (e.g. Serviceloven §110 stk. 6: notify "senest 3 hverdage efter afgørelse
/// om optagelse"). A working day (hverdag) is Monday–Friday that is neither a Danish public holiday (helligdag, see
/// <see cref="DanishHolidays"/>) nor one of the configured extra days off (by default 5 June, 24 and 31 December).
/// </summary>
public sealed class WorkingDays(IEnumerable<(int Month, int Day)> extraNonWorkingDays)
{
    private readonly HashSet<(int, int)> _extra = [.. extraNonWorkingDays];

    /// <summary>Weekends and public holidays only.</summary>
    public static WorkingDays HolidaysOnly { get; } = new([]);

    /// <summary>The date <paramref name="days"/> working days after <paramref name="date"/>.</summary>
    public LocalDate Add(LocalDate date, int days)
    {
        var d = date;
        for (var added = 0; added < days;)
        {
            d = d.PlusDays(1);
            if (IsWorkingDay(d)) added++;
        }
        return d;
    }

    public bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !DanishHolidays.IsHoliday(date)
        && !_extra.Contains((date.Month, date.Day));
}
