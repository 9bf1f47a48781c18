using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// The municipality's calendar. "Today", admission dates and ages are all reckoned in
/// Europe/Copenhagen: just after midnight in Copenhagen it is still yesterday in UTC.
/// </summary>
public static class DanishTime
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Copenhagen"];

    public static LocalDate Today(IClock clock) => clock.GetCurrentInstant().InZone(Zone).Date;

    /// <summary>A date as Danes write it to each other: "7. dec. 2026" (pages, refusals and the domain's messages).</summary>
    public static string Text(LocalDate date) => date.ToString("d. MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("da-DK"));

    public static string Text(DateOnly date) => Text(date.ToLocalDate());

    /// <summary>
    /// The night it is now, named by the date it began, as shelters count nights: after midnight and before
    /// <paramref name="nightEndsAtHour"/> (Copenhagen time) it is still the night that began the evening before, so that a
    /// check-in at 00:30 is that night's stay (and that night counts in the §110 counting year).
    /// </summary>
    public static LocalDate Night(IClock clock, int nightEndsAtHour)
    {
        var now = clock.GetCurrentInstant().InZone(Zone);
        return now.Hour < nightEndsAtHour ? now.Date.PlusDays(-1) : now.Date;
    }

    /// <summary>
    /// Whole years between birth and the given date. A 29 February birthday counts on 1 March in common
    /// years (docs/domain.md, rule 1). NodaTime's Period.Between truncates 29 February to the 28th,
    /// one day early for this rule, so the month and day are compared directly.
    /// </summary>
    public static int AgeOn(LocalDate birthDate, LocalDate date)
    {
        var years = date.Year - birthDate.Year;
        if (date.Month < birthDate.Month || date.Month == birthDate.Month && date.Day < birthDate.Day) years--;
        return years;
    }
}
