using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>Weekday arithmetic for statutory deadlines (e.g. Serviceloven §110 stk. 6: notify within 3 weekdays).</summary>
public static class Weekdays
{
    /// <summary>The date <paramref name="weekdays"/> weekdays (Monday–Friday) after <paramref name="date"/>.</summary>
    public static LocalDate Add(LocalDate date, int weekdays)
    {
        var d = date;
        for (var added = 0; added < weekdays;)
        {
            d = d.PlusDays(1);
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)) added++;
        }
        return d;
    }
}
