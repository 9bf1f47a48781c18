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

    /// <summary>
    /// Whole years between birth and the given date. NodaTime's Period arithmetic makes a
    /// 29 February birthday count on 1 March in common years.
    /// </summary>
    public static int AgeOn(LocalDate birthDate, LocalDate date) =>
        date < birthDate ? -Period.Between(date, birthDate, PeriodUnits.Years).Years
                         : Period.Between(birthDate, date, PeriodUnits.Years).Years;
}
