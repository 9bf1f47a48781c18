using System.Globalization;

namespace HousingCapacity.Api.Reporting;

/// <summary>The charts' words, the same in the PDF and on the committee's page: Danish month names and each chart read out.</summary>
public static class ChartText
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>"jan.", "feb." … "maj" … "dec.": the month as an axis shows it.</summary>
    public static string MonthShort(YearMonth month) => Da.DateTimeFormat.GetAbbreviatedMonthName(month.Month);

    /// <summary>"december 2025".</summary>
    public static string MonthLong(YearMonth month) => $"{MonthName(month)} {month.Year}";

    /// <summary>"december".</summary>
    public static string MonthName(YearMonth month) => Da.DateTimeFormat.GetMonthName(month.Month);

    /// <summary>
    /// The labels under a chart's months: every other month, the last one included, and the year under the first named month of
    /// each year (twelve names do not fit under a chart on a phone; the figures table names every month).
    /// </summary>
    public static IReadOnlyList<(int Index, string Month, string? Year)> AxisLabels(IReadOnlyList<YearMonth> months)
    {
        var labels = new List<(int, string, string?)>();
        int? previousYear = null;
        for (var i = 0; i < months.Count; i++)
        {
            if ((months.Count - 1 - i) % 2 != 0) continue;
            var year = months[i].Year != previousYear ? months[i].Year.ToString(CultureInfo.InvariantCulture) : null;
            labels.Add((i, MonthShort(months[i]), year));
            previousYear = months[i].Year;
        }
        return labels;
    }

    public static string Percent(double rate) => (rate * 100).ToString("0.0", Da) + " %";

    /// <summary>The alternative text of a bar chart: every bar's label and value.</summary>
    public static string BarsAlt(string caption, IReadOnlyList<(string Label, double? Value, string Text)> bars) =>
        $"Søjlediagram, {caption.ToLower(Da)}: " + string.Join("; ", bars.Select(b => $"{b.Label} {b.Text}")) + ".";

    /// <summary>The alternative text of one small chart: every month's value, so a screen reader hears what the eye sees.</summary>
    public static string Alt(TrendSeries series, IReadOnlyList<YearMonth> months) =>
        $"Linjediagram, belægningsgrad for {series.Name.ToLower(Da)} fra {MonthLong(months[0])} til {MonthLong(months[^1])}: " +
        string.Join(", ", months.Select((m, i) => $"{MonthLong(m)} {(series.Values[i] is { } v ? Percent(v) : "ingen tal")}")) + ".";
}
