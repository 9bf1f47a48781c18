using System.Globalization;
using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// The thresholds of the placement rules (appsettings.json, section "PlacementRules"). Defaults and sources are in
/// docs/domain.md. Lists default to null rather than a filled list: configuration binding appends to a list, so a filled
/// default could not be narrowed.
/// </summary>
public sealed class PlacementPolicy
{
    /// <summary>
    /// The youth rule of a municipality that has recorded no policy of its own (<see cref="YouthPolicy"/>): on, 18–25, cited as
    /// that municipality's default. Slagelse's udsattepolitik ("unge mellem 18 og 25 år") is where the band comes from.
    /// </summary>
    public bool YouthRuleApplies { get; set; } = true;
    /// <summary>Youngest age of the default youth rule; never below 18 (<see cref="MinorAtAdultPlaceRule"/>).</summary>
    public int YouthMinAge { get; set; } = 18;
    /// <summary>Oldest age of the default youth rule, inclusive. The national norm (VIVE, Housing First for Unge) is 24.</summary>
    public int YouthMaxAge { get; set; } = 25;
    /// <summary>Legal bases the youth rule covers; null means §110 places only ("§ 110 tilbud (Forsorgshjem og Herberg)").</summary>
    public List<LegalBasis>? YouthRuleBases { get; set; }
    /// <summary>The hour (Copenhagen time) a night ends: a check-in before it belongs to the night that began the evening before.</summary>
    public int NightEndsAtHour { get; set; } = 6;
    /// <summary>
    /// The time (Copenhagen time, "HH:mm") by which each place should have reported the night's count: after it, a place without a
    /// report for the night is flagged to its staff, to the officers and in the availability answer (issue 28.5). Our choice of
    /// default, 22:00, is when the evening's arrivals have mostly come; a municipality sets its own.
    /// </summary>
    public string CountDueBy { get; set; } = "22:00";

    /// <summary>The count's due time (<see cref="CountDueBy"/>); a malformed value is a FormatException.</summary>
    public LocalTime CountDueTime() =>
        NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(CountDueBy).GetValueOrThrow();
    /// <summary>A written justification is at least a sentence.</summary>
    public int MinJustificationLength { get; set; } = 20;
    /// <summary>Serviceloven §110 stk. 6: "senest 3 hverdage efter afgørelse om optagelse".</summary>
    public int NotificationWeekdays { get; set; } = 3;
    /// <summary>
    /// Days that are not working days besides weekends and public holidays, as MM-dd; null means Grundlovsdag (5 June),
    /// juleaftensdag (24 December) and nytårsaftensdag (31 December), the days Danish deadline rules also skip (e.g.
    /// forældelsesloven §27 stk. 2). An empty list counts only weekends and public holidays.
    /// </summary>
    public List<string>? ExtraNonWorkingDays { get; set; }
    /// <summary>CTI is time-limited: 9 months in three 3-month phases.</summary>
    public int CtiMonths { get; set; } = 9;
    /// <summary>The first night that can begin a §110 counting year: the reform's entry into force.</summary>
    public DateOnly CountingYearFrom { get; set; } = new(2023, 10, 1);
    /// <summary>The dated thresholds of the counting year as "yyyy-MM-dd=nights"; null means 120 from 1 October 2023 and 90
    /// from 1 April 2026 (Social- og Boligstyrelsen).</summary>
    public List<string>? CountingYearThresholds { get; set; }
    /// <summary>Night counts at which a person is flagged before the threshold; null means 60 and 75.</summary>
    public List<int>? CountingYearWarnings { get; set; }

    public bool CoversYouthRule(LegalBasis basis) => (YouthRuleBases ?? [LegalBasis.Section110]).Contains(basis);

    public static bool IsSection110(LegalBasis basis) => basis == LegalBasis.Section110;

    /// <summary>The working days, parsed from configuration on first use (the options are bound once, before it).</summary>
    public WorkingDays WorkingDays() =>
        _workingDays ??= new((ExtraNonWorkingDays ?? ["06-05", "12-24", "12-31"]).Select(ParseMonthDay).ToList());

    /// <summary>The counting year's rules, parsed from configuration on first use.</summary>
    public CountingYearRules CountingYearRules() => _countingYearRules ??= new(CountingYearFrom.ToLocalDate(),
        (CountingYearThresholds ?? ["2023-10-01=120", "2026-04-01=90"]).Select(ParseThreshold).ToList(), CountingYearWarnings ?? [60, 75]);

    private WorkingDays? _workingDays;
    private CountingYearRules? _countingYearRules;

    private static (int Month, int Day) ParseMonthDay(string text)
    {
        if (text.Length == 5 && text[2] == '-' && int.TryParse(text[..2], CultureInfo.InvariantCulture, out var m)
            && int.TryParse(text[3..], CultureInfo.InvariantCulture, out var d) && m is >= 1 and <= 12 && d >= 1
            && d <= CalendarSystem.Iso.GetDaysInMonth(2024, m))
            return (m, d);
        throw new FormatException($"PlacementRules:ExtraNonWorkingDays: '{text}' is not MM-dd.");
    }

    private static (LocalDate, int) ParseThreshold(string text)
    {
        var parts = text.Split('=');
        if (parts.Length == 2
            && DateOnly.TryParseExact(parts[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && int.TryParse(parts[1].Trim(), CultureInfo.InvariantCulture, out var nights) && nights > 0)
            return (from.ToLocalDate(), nights);
        throw new FormatException($"PlacementRules:CountingYearThresholds: '{text}' is not yyyy-MM-dd=nights.");
    }
}
