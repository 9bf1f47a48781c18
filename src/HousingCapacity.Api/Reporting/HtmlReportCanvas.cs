using System.Globalization;
using System.Text;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The monthly report as HTML for the committee's page: headings, paragraphs and tables as the PDF has them, and the charts as
/// inline SVG (no script, no image files), each with its figures in a table beside it for screen readers.
/// </summary>
public sealed class HtmlReportCanvas : IReportCanvas
{
    private const string Accent = "#12385f";
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
            _html.Append(i == 0 ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">")
                .Append(HtmlEncode(ReportHeaders.Plain(headers[i])))
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

    /// <summary>Horizontal bars with their labels above them, so that the chart keeps its size on a phone.</summary>
    public void BarChart(string caption, IReadOnlyList<(string Label, double? Value, string Text)> bars, double max)
    {
        var id = $"chart-{++_charts}";
        const int barArea = 236, rowHeight = 42, width = 300;
        var height = bars.Count * rowHeight + 4;
        var alt = ChartText.BarsAlt(caption, bars);
        _html.Append($"<figure class=\"bars\"><figcaption>{HtmlEncode(caption)}</figcaption>")
            .Append($"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {width} {height}\">")
            .Append($"<title id=\"{id}\">{HtmlEncode(alt)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var y = i * rowHeight;
            var length = value is { } v && max > 0 ? Math.Min(1, v / max) * barArea : 0;
            _html.Append($"<text x=\"0\" y=\"{y + 14}\" font-size=\"13\" fill=\"#1b1b1b\">{HtmlEncode(label)}</text>")
                .Append($"<rect x=\"0\" y=\"{y + 20}\" width=\"{barArea}\" height=\"16\" fill=\"#e8eef4\"/>")
                .Append($"<rect x=\"0\" y=\"{y + 20}\" width=\"{F(length)}\" height=\"16\" fill=\"{Accent}\"/>")
                .Append($"<text x=\"{barArea + 6}\" y=\"{y + 33}\" font-size=\"13\" fill=\"#1b1b1b\">{HtmlEncode(text)}</text>");
        }
        _html.Append("</svg></figure>\n");
    }

    /// <summary>One small chart per kind, side by side where the screen is wide and one under the other on a phone.</summary>
    public void TrendCharts(string caption, IReadOnlyList<YearMonth> months, IReadOnlyList<TrendSeries> series)
    {
        const int left = 40, top = 28, plotWidth = 230, plotHeight = 100, width = 320, height = 170;
        double X(int i) => left + (months.Count <= 1 ? plotWidth / 2.0 : i * plotWidth / (double)(months.Count - 1));
        double Y(double rate) => top + plotHeight - Math.Clamp(rate, 0, 1) * plotHeight;
        _html.Append($"<p><strong>{HtmlEncode(caption)}</strong></p><div class=\"trend-grid\">");
        foreach (var line in series)
        {
            var id = $"chart-{++_charts}";
            _html.Append($"<figure><svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {width} {height}\">")
                .Append($"<title id=\"{id}\">{HtmlEncode(ChartText.Alt(line, months))}</title>")
                .Append($"<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\" fill=\"#1b1b1b\">{HtmlEncode(line.Name)}</text>");
            foreach (var tick in new[] { 0.0, 0.5, 1.0 })
                _html.Append($"<line x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{F(Y(tick))}\" y2=\"{F(Y(tick))}\" stroke=\"#c7ccd1\"/>")
                    .Append($"<text x=\"0\" y=\"{F(Y(tick) + 4)}\" font-size=\"12\" fill=\"#4a4a4a\">{tick * 100:0} %</text>");
            foreach (var (i, month, year) in ChartText.AxisLabels(months))
            {
                _html.Append($"<text x=\"{F(X(i))}\" y=\"{top + plotHeight + 16}\" font-size=\"12\" fill=\"#4a4a4a\" " +
                    $"text-anchor=\"middle\">{HtmlEncode(month)}</text>");
                if (year is not null)
                    _html.Append($"<text x=\"{F(X(i))}\" y=\"{top + plotHeight + 31}\" font-size=\"12\" fill=\"#4a4a4a\" " +
                        $"text-anchor=\"middle\">{year}</text>");
            }
            // A month without figures is a gap: the line is broken there, not drawn through 0 %.
            var segment = new List<string>();
            void Flush()
            {
                if (segment.Count > 1)
                    _html.Append($"<polyline fill=\"none\" stroke=\"{Accent}\" stroke-width=\"2.5\" " +
                        $"points=\"{string.Join(' ', segment)}\"/>");
                segment.Clear();
            }
            for (var i = 0; i < months.Count; i++)
            {
                if (line.Values[i] is { } value)
                {
                    segment.Add($"{F(X(i))},{F(Y(value))}");
                    _html.Append($"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(value))}\" r=\"3\" fill=\"{Accent}\"/>");
                }
                else Flush();
            }
            Flush();
            if (line.Values.Count > 0 && line.Values[^1] is { } latest)
                _html.Append($"<text x=\"{F(X(months.Count - 1) + 6)}\" y=\"{F(Y(latest) + 4)}\" font-size=\"12\" font-weight=\"bold\" " +
                    $"fill=\"{Accent}\">{HtmlEncode(ChartText.Percent(latest))}</text>");
            _html.Append("</svg></figure>");
        }
        _html.Append("</div>\n");
    }

    public void List(IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        _html.Append("<ul>");
        foreach (var item in items) _html.Append("<li>").Append(HtmlEncode(item)).Append("</li>");
        _html.Append("</ul>\n");
    }

    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");
    // Danish letters as themselves (æ, ø, å), as the rest of the pages write them.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private static string HtmlEncode(string text) => Encoder.Encode(text);
    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
