using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A person's §110 counting year. Social- og Boligstyrelsen: the state refunds 50 % of a §110 stay "i op til 120 dage pr.
/// løbende år fra første indskrivning efter lovændringens ikrafttrædelse (90 dage efter d. 1. april 2026). De 120 (90) dage
/// nulstilles 1 år efter første indskrivning på boform efter § 110" (sbst.dk, "Omstilling af hjemløshedsområdet"; lov nr. 482
/// af 12. maj 2023, in force 1 October 2023). So the year begins with the person's first §110 night, wherever it was, and
/// ends one year later; the next §110 night after that begins a new year. It is not a sliding 365-day window.
/// </summary>
/// <param name="Start">The first §110 night of the year.</param>
/// <param name="ResetOn">The day the count starts again: one year after <paramref name="Start"/> (a year begun on 29 February
/// resets on 28 February).</param>
/// <param name="Nights">The year's §110 nights, in order, each counted once however many stays share it.</param>
public sealed record CountingYear(LocalDate Start, LocalDate ResetOn, IReadOnlyList<LocalDate> Nights)
{
    public bool Contains(LocalDate night) => night >= Start && night < ResetOn;

    /// <summary>Where the year stands on <paramref name="date"/>: the nights so far, the threshold in force, the warning reached,
    /// and when the threshold was passed.</summary>
    public CountingYearStatus StatusOn(CountingYearRules rules, LocalDate date)
    {
        var nights = NightsUpTo(date);
        var threshold = rules.ThresholdOn(date);
        return new CountingYearStatus(nights, threshold, rules.WarningReached(nights, threshold), ThresholdPassedOn(rules, date),
            NightsPastThreshold(rules, Start, date));
    }

    /// <summary>The nights of the year up to and including <paramref name="date"/>.</summary>
    public int NightsUpTo(LocalDate date) => Nights.Count(n => n <= date);

    /// <summary>The first night past the threshold in force on it (the first night the state does not refund), if any up to
    /// <paramref name="date"/>.</summary>
    public LocalDate? ThresholdPassedOn(CountingYearRules rules, LocalDate date)
    {
        for (var i = 0; i < Nights.Count && Nights[i] <= date; i++)
            if (i + 1 > rules.ThresholdOn(Nights[i])) return Nights[i];
        return null;
    }

    /// <summary>The nights past the threshold in force on each, within [from, to].</summary>
    public int NightsPastThreshold(CountingYearRules rules, LocalDate from, LocalDate to)
    {
        var past = 0;
        for (var i = 0; i < Nights.Count && Nights[i] <= to; i++)
            if (Nights[i] >= from && i + 1 > rules.ThresholdOn(Nights[i])) past++;
        return past;
    }

    /// <summary>
    /// Splits a person's stays at §110 places into counting years, counting nights up to and including <paramref name="upTo"/>
    /// (an ongoing stay counts to that night). Nights before the reform (<see cref="CountingYearRules.CountFrom"/>) begin no year.
    /// The chain of years is walked over the stays' date ranges, so a long history costs its stays, not its nights; the nights are
    /// listed only for the years that reset after <paramref name="resetAfter"/> (all years when it is null), the ones a question
    /// about that day or later needs.
    /// </summary>
    public static List<CountingYear> Of(IEnumerable<DateRange> section110Stays, LocalDate upTo, CountingYearRules rules,
        LocalDate? resetAfter = null)
    {
        // The nights as ranges [first, last], in order and merged where they touch or overlap (a night counts once).
        var ranges = new List<(LocalDate First, LocalDate Last)>();
        foreach (var stay in section110Stays.OrderBy(s => s.Start))
        {
            var first = stay.Start < rules.CountFrom ? rules.CountFrom : stay.Start;
            var last = stay.End is { } end && end.PlusDays(-1) < upTo ? end.PlusDays(-1) : upTo;
            if (first > last) continue;
            if (ranges.Count > 0 && first <= ranges[^1].Last.PlusDays(1))
            {
                if (last > ranges[^1].Last) ranges[^1] = (ranges[^1].First, last);
            }
            else ranges.Add((first, last));
        }
        var years = new List<CountingYear>();
        LocalDate? nextYearFrom = null;
        for (var i = 0; i < ranges.Count;)
        {
            // A year begins on the first night on or after the previous year's reset, and holds every night before its own.
            var start = nextYearFrom is { } from && from > ranges[i].First ? from : ranges[i].First;
            var reset = start.PlusYears(1);
            var nights = resetAfter is null || reset > resetAfter ? new List<LocalDate>() : null;
            while (i < ranges.Count && ranges[i].First < reset)
            {
                if (nights is not null)
                {
                    var last = ranges[i].Last < reset ? ranges[i].Last : reset.PlusDays(-1);
                    for (var n = ranges[i].First > start ? ranges[i].First : start; n <= last; n = n.PlusDays(1)) nights.Add(n);
                }
                if (ranges[i].Last >= reset) break; // the range runs on into the next year
                i++;
            }
            if (nights is not null) years.Add(new CountingYear(start, reset, nights));
            nextYearFrom = reset;
        }
        return years;
    }
}
