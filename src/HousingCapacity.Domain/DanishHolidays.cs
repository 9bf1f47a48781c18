using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// Danish public holidays (helligdagsloven): nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, store bededag
/// (abolished from 2024 by lov nr. 153 af 28.2.2023), Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag,
/// 2. juledag. Grundlovsdag, juleaftensdag and nytårsaftensdag are customary days off, not public holidays.
/// </summary>
public static class DanishHolidays
{
    public static bool IsHoliday(LocalDate date) => For(date.Year).Contains(date);

    public static IReadOnlySet<LocalDate> For(int year)
    {
        var easter = EasterSunday(year);
        var days = new HashSet<LocalDate>
        {
            new(year, 1, 1),
            easter.PlusDays(-3), easter.PlusDays(-2), easter, easter.PlusDays(1),
            easter.PlusDays(39), easter.PlusDays(49), easter.PlusDays(50),
            new(year, 12, 25), new(year, 12, 26),
        };
        if (year < 2024) days.Add(easter.PlusDays(26)); // store bededag
        return days;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").</summary>
    public static LocalDate EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new LocalDate(year, month, day);
    }
}
