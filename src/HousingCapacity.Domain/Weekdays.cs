using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// Working-day arithmetic for statutory deadlines (e.g. Serviceloven §110 stk. 6: notify within 3 weekdays).
/// A weekday is Monday–Friday that is not a Danish public holiday (helligdag).
/// </summary>
public static class Weekdays
{
    /// <summary>The date <paramref name="weekdays"/> working days after <paramref name="date"/>.</summary>
    public static LocalDate Add(LocalDate date, int weekdays)
    {
        var d = date;
        for (var added = 0; added < weekdays;)
        {
            d = d.PlusDays(1);
            if (IsWorkingDay(d)) added++;
        }
        return d;
    }

    public static bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !DanishHolidays.IsHoliday(date);
}
