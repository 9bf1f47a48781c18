using System.Globalization;
using HousingCapacity.Api.Reporting.Pdf;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The report's first half page in plain Danish, made from its own figures: occupancy per kind of place against the month before
/// and the same month a year before, turnaways, young people at § 110 places, stays past the counting year's threshold,
/// discharges to the street, and who was waiting at the month's end. The same suppression as the tables: a count of 1–4 persons
/// reads "færre end 5".
/// </summary>
public static class ReportSummary
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    public static IReadOnlyList<string> Sentences(MonthlyFigures f)
    {
        var month = YearMonthOf(f.Month);
        var previous = ChartText.MonthName(month.PlusMonths(-1));
        var lastYear = ChartText.MonthLong(month.PlusMonths(-12));
        var sentences = f.Kinds.Select(k => Occupancy(k, previous, lastYear)).ToList();

        sentences.Add($"{Count(f.Flow.Turnaways, "afvisning", "afvisninger")} af personer, der søgte en plads, blev registreret.");
        sentences.Add($"{Count(f.Youth.AdmittedToSection110, "ung", "unge")} på {f.Youth.MinAge}–{f.Youth.MaxAge} år blev indskrevet i " +
            $"§ 110-tilbud, heraf {Number(f.Youth.RecordedExceptions)} med en registreret begrundelse for undtagelsen.");
        sentences.Add($"{Count(f.Flow.PersonsPastSection110Threshold, "person", "personer")} var over tærsklen i § 110-optællingsåret.");
        sentences.Add($"{Count(f.Section110.DischargesToStreetOrUnknown, "udskrivning", "udskrivninger")} fra § 110-tilbud var til " +
            $"gaden eller et ukendt sted (af {Number(f.Section110.Discharges)} i alt).");
        if (f.ExtraBeds is { NightsOpen: > 0 and var open, OccupancyRate: { } extraRate })
            sentences.Add($"Ekstra senge (fx kuldeberedskab) var åbne {Features.Shared.Words.NightCount(open)}; " +
                $"{ChartText.Percent(extraRate)} af dem var belagt.");
        if (f.Transitions.Total.Value > 0)
            sentences.Add($"{Count(f.Transitions.Total, "overgang", "overgange")} med en kendt dato for at miste taget over hovedet " +
                $"faldt i måneden: for {Number(f.Transitions.Outcome("SecuredInTime"))} var en plads sikret inden datoen, og for " +
                $"{Number(f.Transitions.Outcome("StreetOrUnknown"))} gik datoen uden plads.");
        foreach (var w in f.Waitlists)
        {
            var median = w.MedianDaysWaitedByHoused is { } d
                ? $"; de, der fik en bolig i måneden, havde ventet {d.ToString("0", Da)} {(Math.Round(d) == 1 ? "dag" : "dage")} (median)"
                : "";
            sentences.Add($"{Count(w.EntriesAtMonthEnd, "person", "personer")} ventede ved månedens slutning på {w.Name}{median}.");
        }
        return sentences.Select(Capital).ToList();
    }

    private static string Occupancy(KindOccupancy k, string previousMonth, string lastYear)
    {
        var kind = MonthlyReportPdf.Kind(k.Kind);
        if (k.Occupancy.OccupancyRate is not { } rate) return $"{kind}: ingen belægning at opgøre i måneden.";
        var change = k.ChangeInPercentagePoints switch
        {
            null => "",
            0 => $", det samme som i {previousMonth}",
            > 0 and var up => $", {up.ToString("0.0", Da)} procentpoint højere end i {previousMonth}",
            var down => $", {Math.Abs(down.Value).ToString("0.0", Da)} procentpoint lavere end i {previousMonth}",
        };
        var year = k.SameMonthLastYearRate is { } y ? $" ({lastYear}: {ChartText.Percent(y)})" : "";
        return $"{kind}: {ChartText.Percent(rate)} af sengene var belagt{change}{year}.";
    }

    /// <summary>A hidden count (1–4) reads "færre end 5".</summary>
    private static string Number(PersonCount count) => count.Suppressed ? "færre end 5" : count.Value.ToString("N0", Da);

    /// <summary>"12 afvisninger", "1 afvisning", "færre end 5 afvisninger".</summary>
    private static string Count(PersonCount count, string one, string many) =>
        $"{Number(count)} {(count is { Suppressed: false, Value: 1 } ? one : many)}";

    private static string Capital(string sentence) => sentence.Length == 0 ? sentence : char.ToUpper(sentence[0], Da) + sentence[1..];

    private static YearMonth YearMonthOf(string month) => NodaTime.Text.YearMonthPattern.Iso.Parse(month).Value;
}
