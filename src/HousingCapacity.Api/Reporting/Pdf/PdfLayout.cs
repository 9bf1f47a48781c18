using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HousingCapacity.Api.Reporting.Pdf;

/// <summary>
/// A small flowing layout on A4 for PDFsharp (no MigraDoc here): headings, wrapped paragraphs, tables whose header
/// is repeated on every page, charts drawn by hand, and "Side X af Y" on every page at the end.
/// </summary>
public sealed class PdfLayout : IReportCanvas
{
    public const double Margin = 50;
    public static readonly XColor Accent = XColor.FromArgb(0x1f, 0x4e, 0x79);
    public static readonly XColor Light = XColor.FromArgb(0xe8, 0xee, 0xf4);

    private readonly PdfDocument _document;
    private XGraphics? _gfx;
    private PdfPage? _page;

    public PdfLayout(string title, string subject)
    {
        SystemFontResolver.Install(); // the licence and fonts first: PdfDocument checks the licence when made
        _document = new PdfDocument();
        _document.Info.Title = title;
        _document.Info.Subject = subject;
        _document.Info.Author = "HousingCapacity";
        Regular = new XFont(SystemFontResolver.Family, 9.5, XFontStyleEx.Regular);
        Bold = new XFont(SystemFontResolver.Family, 9.5, XFontStyleEx.Bold);
        Small = new XFont(SystemFontResolver.Family, 8, XFontStyleEx.Regular);
        H1 = new XFont(SystemFontResolver.Family, 20, XFontStyleEx.Bold);
        H2 = new XFont(SystemFontResolver.Family, 13, XFontStyleEx.Bold);
    }

    public XFont Regular { get; }
    public XFont Bold { get; }
    public XFont Small { get; }
    public XFont H1 { get; }
    public XFont H2 { get; }
    public double Y { get; private set; }
    public string FooterLeft { get; set; } = "";
    public double Width => _page!.Width.Point - 2 * Margin;
    private double Bottom => _page!.Height.Point - Margin - 20;
    public XGraphics Gfx => _gfx!;

    public void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor.</summary>
    public void Need(double height)
    {
        if (_page is null || Y + height > Bottom) NewPage();
    }

    public void Space(double height) => Y += height;

    public void Heading(string text, ReportText style = ReportText.Subtitle) => Heading(text, Font(style));

    public void Paragraph(string text, ReportText style = ReportText.Regular, double indent = 0) => Paragraph(text, Font(style), indent);

    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows,
        ReportText style = ReportText.Small) => Table(headers, widths, rows, Font(style));

    private XFont Font(ReportText style) => style switch
    {
        ReportText.Bold => Bold,
        ReportText.Small => Small,
        ReportText.Subtitle => H2,
        ReportText.Title => H1,
        _ => Regular,
    };

    public void Heading(string text, XFont? font)
    {
        font ??= H2;
        Need(font.Size * 3);
        Y += font.Size * 0.6;
        foreach (var line in Wrap(text, font, Width))
        {
            Need(font.Size * 1.4);
            Gfx.DrawString(line, font, new XSolidBrush(Accent), new XRect(Margin, Y, Width, font.Size * 1.4), XStringFormats.TopLeft);
            Y += font.Size * 1.3;
        }
        Y += font.Size * 0.3;
    }

    public void Paragraph(string text, XFont? font, double indent = 0)
    {
        font ??= Regular;
        var lineHeight = font.Size * 1.35;
        foreach (var line in Wrap(text, font, Width - indent))
        {
            Need(lineHeight);
            Gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin + indent, Y, Width - indent, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }
        Y += font.Size * 0.4;
    }

    public IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Measure(candidate, font) > width)
                {
                    yield return line;
                    line = word;
                }
                else line = candidate;
            }
            yield return line;
        }
    }

    public double Measure(string text, XFont font) => (_gfx ?? XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point,
        XPageDirection.Downwards)).MeasureString(text, font).Width;

    /// <summary>A table; the header row is drawn again at the top of every page it runs onto. Columns after the first are
    /// right-aligned.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows,
        XFont? font)
    {
        font ??= Small;
        var rowHeight = font.Size * 1.7;
        var scale = Width / widths.Sum();
        var headerFont = new XFont(SystemFontResolver.Family, font.Size, XFontStyleEx.Bold);
        // A header may break its text over lines with '\n'.
        var headerLines = headers.Max(h => h.Split('\n').Length);
        var headerHeight = rowHeight + (headerLines - 1) * font.Size * 1.15;
        void Header()
        {
            Gfx.DrawRectangle(new XSolidBrush(Accent), Margin, Y, Width, headerHeight);
            var x = Margin;
            for (var i = 0; i < headers.Count; i++)
            {
                var w = widths[i] * scale;
                var lines = headers[i].Split('\n');
                var top = Y + (headerHeight - lines.Length * font.Size * 1.15) / 2;
                foreach (var line in lines)
                {
                    Gfx.DrawString(Fit(line, headerFont, w - 6), headerFont, XBrushes.White, new XRect(x + 3, top, w - 6, font.Size * 1.15),
                        i == 0 ? XStringFormats.TopLeft : XStringFormats.TopRight);
                    top += font.Size * 1.15;
                }
                x += w;
            }
            Y += headerHeight;
        }
        Need(headerHeight + rowHeight * 2);
        Header();
        var shade = false;
        foreach (var row in rows)
        {
            if (Y + rowHeight > Bottom)
            {
                NewPage();
                Header();
            }
            if (shade) Gfx.DrawRectangle(new XSolidBrush(Light), Margin, Y, Width, rowHeight);
            DrawCells(row, widths, scale, font, XBrushes.Black, rowHeight);
            Y += rowHeight;
            shade = !shade;
        }
        Y += rowHeight * 0.6;
    }

    private void DrawCells(IReadOnlyList<string> cells, IReadOnlyList<double> widths, double scale, XFont font, XBrush brush, double height)
    {
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var w = widths[i] * scale;
            var text = Fit(cells[i], font, w - 6);
            Gfx.DrawString(text, font, brush, new XRect(x + 3, Y, w - 6, height),
                i == 0 ? XStringFormats.CenterLeft : XStringFormats.CenterRight);
            x += w;
        }
    }

    private string Fit(string text, XFont font, double width)
    {
        if (Measure(text, font) <= width) return text;
        while (text.Length > 1 && Measure(text + "…", font) > width) text = text[..^1];
        return text + "…";
    }

    /// <summary>Horizontal bars, one per label, values from 0 to <paramref name="max"/>.</summary>
    public void BarChart(string caption, IReadOnlyList<(string Label, double? Value, string Text)> bars, double max)
    {
        var barHeight = 16.0;
        var height = bars.Count * (barHeight + 6) + 30;
        Need(height);
        Gfx.DrawString(caption, Bold, XBrushes.Black, new XRect(Margin, Y, Width, 14), XStringFormats.TopLeft);
        Y += 20;
        var labelWidth = 150.0;
        var barArea = Width - labelWidth - 60;
        foreach (var (label, value, text) in bars)
        {
            Gfx.DrawString(label, Small, XBrushes.Black, new XRect(Margin, Y, labelWidth - 6, barHeight), XStringFormats.CenterLeft);
            Gfx.DrawRectangle(new XSolidBrush(Light), Margin + labelWidth, Y, barArea, barHeight);
            if (value is { } v && max > 0)
                Gfx.DrawRectangle(new XSolidBrush(Accent), Margin + labelWidth, Y, Math.Min(1, v / max) * barArea, barHeight);
            Gfx.DrawString(text, Small, XBrushes.Black, new XRect(Margin + labelWidth + barArea + 4, Y, 56, barHeight),
                XStringFormats.CenterLeft);
            Y += barHeight + 6;
        }
        Y += 10;
    }

    /// <summary>Lines over months, one per series, values 0–1 shown as percent.</summary>
    public void LineChart(string caption, IReadOnlyList<string> months, IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> series)
    {
        var plotHeight = 170.0;
        var legendHeight = Math.Ceiling(series.Count / 3.0) * 14;
        Need(plotHeight + legendHeight + 60);
        Gfx.DrawString(caption, Bold, XBrushes.Black, new XRect(Margin, Y, Width, 14), XStringFormats.TopLeft);
        Y += 22;
        var left = Margin + 34;
        var width = Width - 40;
        var top = Y;
        var pen = new XPen(XColors.LightGray, 0.5);
        for (var p = 0; p <= 100; p += 25)
        {
            var y = top + plotHeight - p / 100.0 * plotHeight;
            Gfx.DrawLine(pen, left, y, left + width, y);
            Gfx.DrawString($"{p} %", Small, XBrushes.Gray, new XRect(Margin, y - 5, 30, 10), XStringFormats.CenterRight);
        }
        var step = months.Count > 1 ? width / (months.Count - 1) : width;
        for (var i = 0; i < months.Count; i++)
            Gfx.DrawString(months[i][2..], Small, XBrushes.Gray, new XRect(left + i * step - 20, top + plotHeight + 3, 40, 10),
                XStringFormats.TopCenter);
        XColor[] palette = [Accent, XColors.DarkOrange, XColors.SeaGreen, XColors.Firebrick, XColors.MediumPurple, XColors.SaddleBrown,
            XColors.SteelBlue];
        for (var s = 0; s < series.Count; s++)
        {
            var linePen = new XPen(palette[s % palette.Length], 1.6);
            XPoint? previous = null;
            for (var i = 0; i < series[s].Values.Count; i++)
            {
                if (series[s].Values[i] is not { } v) { previous = null; continue; }
                var point = new XPoint(left + i * step, top + plotHeight - Math.Min(1, v) * plotHeight);
                if (previous is { } p) Gfx.DrawLine(linePen, p, point);
                Gfx.DrawEllipse(new XSolidBrush(palette[s % palette.Length]), point.X - 1.8, point.Y - 1.8, 3.6, 3.6);
                previous = point;
            }
            var lx = Margin + s % 3 * (Width / 3);
            var ly = top + plotHeight + 18 + s / 3 * 14;
            Gfx.DrawRectangle(new XSolidBrush(palette[s % palette.Length]), lx, ly + 3, 10, 4);
            Gfx.DrawString(series[s].Name, Small, XBrushes.Black, new XRect(lx + 14, ly, Width / 3 - 14, 10), XStringFormats.TopLeft);
        }
        Y = top + plotHeight + 24 + legendHeight;
    }

    /// <summary>Draws the footer on every page ("Side X af Y") and returns the PDF.</summary>
    public byte[] Finish()
    {
        _gfx?.Dispose();
        _gfx = null;
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var page = _document.Pages[i];
            var y = page.Height.Point - Margin + 4;
            gfx.DrawLine(new XPen(XColors.LightGray, 0.5), Margin, y - 4, page.Width.Point - Margin, y - 4);
            gfx.DrawString(FooterLeft, Small, XBrushes.Gray, new XRect(Margin, y, page.Width.Point - 2 * Margin, 12),
                XStringFormats.TopLeft);
            gfx.DrawString($"Side {i + 1} af {count}", Small, XBrushes.Gray, new XRect(Margin, y, page.Width.Point - 2 * Margin, 12),
                XStringFormats.TopRight);
        }
        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return stream.ToArray();
    }
}
