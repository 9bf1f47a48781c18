using System.Globalization;
using System.Text;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The monthly report as HTML for the committee's page: headings, paragraphs and tables as the PDF has them, and the charts as
/// inline SVG (no script, no image files), each with its figures in a table beside it for screen readers.
/// </summary>
public sealed class HtmlReportCanvas : IReportCanvas
{
    private static readonly string[] Palette = ["#12385f", "#b35900", "#1e7b34", "#7a1f5c", "#4a4a4a", "#0f6e80", "#8a6d00"];
    private readonly StringBuilder _html = new();
    private int _charts;

    public string Html => _html.ToString();

    public void NewPage()
    {
    }

    public void Space(double points)
    {
    }

    public void Heading(string text, ReportText style = ReportText.Subtitle) =>
        _html.Append(style == ReportText.Title ? "<h2>" : "<h3>").Append(HtmlEncode(text))
            .Append(style == ReportText.Title ? "</h2>\n" : "</h3>\n");

    public void Paragraph(string text, ReportText style = ReportText.Regular, double indent = 0) =>
        _html.Append(style switch
        {
            ReportText.Small => "<p class=\"muted\">",
            ReportText.Bold => "<p><strong>",
            ReportText.Subtitle or ReportText.Title => "<p class=\"lead\">",
            _ => "<p>",
        }).Append(HtmlEncode(text)).Append(style == ReportText.Bold ? "</strong></p>\n" : "</p>\n");

    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows,
        ReportText style = ReportText.Small)
    {
        _html.Append("<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>");
        for (var i = 0; i < headers.Count; i++)
            _html.Append(i == 0 ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">").Append(HtmlEncode(headers[i].Replace('\n',
                ' ')))
                .Append("</th>");
        _html.Append("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            _html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                _html.Append(i == 0 ? "<th scope=\"row\">" : "<td class=\"num\">").Append(HtmlEncode(row[i])).Append(i == 0 ? "</th>"
                    : "</td>");
            _html.Append("</tr>");
        }
        if (!any) _html.Append("<tr><td colspan=\"").Append(headers.Count).Append("\">Ingen</td></tr>");
        _html.Append("</tbody></table></div>\n");
    }

    public void BarChart(string caption, IReadOnlyList<(string Label, double? Value, string Text)> bars, double max)
    {
        var id = $"chart-{++_charts}";
        const int labelWidth = 210, barArea = 330, rowHeight = 26, width = 620;
        var height = bars.Count * rowHeight + 8;
        _html.Append($"<figure><figcaption id=\"{id}\">{HtmlEncode(caption)}</figcaption>")
            .Append($"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" " +
                $"height=\"{height}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var y = i * rowHeight + 4;
            var length = value is { } v && max > 0 ? Math.Min(1, v / max) * barArea : 0;
            _html.Append($"<text x=\"0\" y=\"{y + 15}\" font-size=\"13\" fill=\"#1b1b1b\">{HtmlEncode(label)}</text>")
                .Append($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{barArea}\" height=\"18\" fill=\"#e8eef4\"/>")
                .Append($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{F(length)}\" height=\"18\" fill=\"#12385f\"/>")
                .Append($"<text x=\"{labelWidth + barArea + 6}\" y=\"{y + 15}\" font-size=\"13\" fill=\"#1b1b1b\">")
                .Append($"{HtmlEncode(text)}</text>");
        }
        _html.Append("</svg></figure>\n");
    }

    public void LineChart(string caption, IReadOnlyList<string> months, IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> series)
    {
        var id = $"chart-{++_charts}";
        const int left = 44, top = 10, plotWidth = 560, plotHeight = 200, width = 620;
        var legendRows = (int)Math.Ceiling(series.Count / 2.0);
        var height = top + plotHeight + 30 + legendRows * 20;
        double X(int i) => left + (months.Count <= 1 ? plotWidth / 2.0 : i * plotWidth / (double)(months.Count - 1));
        double Y(double rate) => top + plotHeight - Math.Clamp(rate, 0, 1) * plotHeight;
        _html.Append($"<figure><figcaption id=\"{id}\">{HtmlEncode(caption)}</figcaption>")
            .Append($"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" " +
                $"height=\"{height}\">");
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
            _html.Append($"<line x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{F(Y(tick))}\" y2=\"{F(Y(tick))}\" stroke=\"#c7ccd1\"/>")
                .Append($"<text x=\"0\" y=\"{F(Y(tick) + 4)}\" font-size=\"12\" fill=\"#4a4a4a\">{tick * 100:0} %</text>");
        for (var i = 0; i < months.Count; i++)
            if (months.Count <= 6 || i % 2 == 0 || i == months.Count - 1)
                _html.Append($"<text x=\"{F(X(i))}\" y=\"{top + plotHeight + 18}\" font-size=\"12\" fill=\"#4a4a4a\" " +
                    $"text-anchor=\"middle\">{HtmlEncode(months[i][2..])}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            // A month without figures is a gap: the line is broken there, not drawn through 0 %.
            var segment = new List<string>();
            void Flush()
            {
                if (segment.Count > 1)
                    _html.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" " +
                        $"points=\"{string.Join(' ', segment)}\"/>");
                segment.Clear();
            }
            for (var i = 0; i < months.Count; i++)
            {
                if (series[s].Values[i] is { } value)
                {
                    segment.Add($"{F(X(i))},{F(Y(value))}");
                    _html.Append($"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(value))}\" r=\"3\" fill=\"{colour}\"/>");
                }
                else Flush();
            }
            Flush();
            var lx = left + s % 2 * 280;
            var ly = top + plotHeight + 36 + s / 2 * 20;
            _html.Append($"<rect x=\"{lx}\" y=\"{ly - 10}\" width=\"14\" height=\"4\" fill=\"{colour}\"/>")
                .Append($"<text x=\"{lx + 20}\" y=\"{ly}\" font-size=\"12\" fill=\"#1b1b1b\">{HtmlEncode(series[s].Name)}</text>");
        }
        _html.Append("</svg></figure>\n");
        // The same figures as a table, for screen readers and for reading exact values.
        _html.Append("<details><summary>Tallene bag figuren</summary>");
        Table(["Måned", .. series.Select(x => x.Name)], [], months.Select((m, i) =>
            (IReadOnlyList<string>)[m, .. series.Select(x => x.Values[i] is { } v ? (v * 100).ToString("0.0", Da) + " %" : "–")]));
        _html.Append("</details>\n");
    }

    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");
    // Danish letters as themselves (æ, ø, å), as the rest of the pages write them.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private static string HtmlEncode(string text) => Encoder.Encode(text);
    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
