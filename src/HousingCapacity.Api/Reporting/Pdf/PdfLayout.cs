using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Structure;
using PdfSharp.UniversalAccessibility;

namespace HousingCapacity.Api.Reporting.Pdf;

/// <summary>
/// A small flowing layout on A4 for PDFsharp (no MigraDoc here), tagged for PDF/UA as it draws: headings (H1/H2, each a bookmark),
/// paragraphs, lists, tables with header cells and their scope (a header repeated on a later page is page furniture), charts as
/// figures with alternative text made from their figures, and the footer ("Side X af Y") and decoration as artifacts.
/// Webtilgængelighedsloven (lov nr. 692 af 8. juni 2018, directive 2016/2102) requires a public body's published documents to be
/// accessible; the committee's report is published with the committee's agenda.
/// </summary>
public sealed class PdfLayout : IReportCanvas
{
    public const double Margin = 50;
    public static readonly XColor Accent = XColor.FromArgb(0x1f, 0x4e, 0x79);
    public static readonly XColor Light = XColor.FromArgb(0xe8, 0xee, 0xf4);
    public const string Language = "da-DK";

    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo(Language);
    private readonly PdfDocument _document;
    private readonly StructureBuilder _structure;
    private readonly string _footerLeft;
    private readonly int? _pageCount;
    private XGraphics? _gfx;
    private PdfPage? _page;
    private PdfOutline? _section;

    private PdfLayout(string title, string subject, string footerLeft, int? pageCount)
    {
        SystemFontResolver.Install(); // the licence and fonts first: PdfDocument checks the licence when made
        _document = new PdfDocument();
        _document.Info.Title = title;
        _document.Info.Subject = subject;
        _document.Info.Author = "HousingCapacity";
        _document.PageMode = PdfPageMode.UseOutlines;
        var accessibility = UAManager.ForDocument(_document); // before the first page: it tags what is drawn from here on
        accessibility.SetDocumentLanguage(Language);
        _structure = accessibility.StructureBuilder;
        _footerLeft = footerLeft;
        _pageCount = pageCount;
        Regular = new XFont(SystemFontResolver.Family, 9.5, XFontStyleEx.Regular);
        Bold = new XFont(SystemFontResolver.Family, 9.5, XFontStyleEx.Bold);
        Small = new XFont(SystemFontResolver.Family, 8, XFontStyleEx.Regular);
        SmallBold = new XFont(SystemFontResolver.Family, 8, XFontStyleEx.Bold);
        H1 = new XFont(SystemFontResolver.Family, 20, XFontStyleEx.Bold);
        H2 = new XFont(SystemFontResolver.Family, 13, XFontStyleEx.Bold);
    }

    /// <summary>
    /// Renders a document in two passes: the tagging writes each page's content as it is drawn, so a page cannot be drawn on
    /// again once the next one has begun; the first pass counts the pages so that the second can print "Side X af Y" as it goes.
    /// </summary>
    public static byte[] Render(string title, string subject, string footerLeft, Action<IReportCanvas> write)
    {
        var count = new PdfLayout(title, subject, footerLeft, null);
        write(count);
        count._gfx?.Dispose();
        var layout = new PdfLayout(title, subject, footerLeft, count._document.PageCount);
        write(layout);
        if (layout._document.PageCount != count._document.PageCount)
            throw new InvalidOperationException("The two passes of a PDF gave different page counts.");
        return layout.Finish();
    }

    private XFont Regular { get; }
    private XFont Bold { get; }
    private XFont Small { get; }
    private XFont SmallBold { get; }
    private XFont H1 { get; }
    private XFont H2 { get; }
    private double Y { get; set; }
    private double Width => _page!.Width.Point - 2 * Margin;
    private double Bottom => _page!.Height.Point - Margin - 20;
    private XGraphics Gfx => _gfx!;

    public void NewPage()
    {
        var previous = _gfx;
        _page = _document.AddPage(); // the tagging closes what was open on the previous page, with that page's graphics
        previous?.Dispose();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        Y = Margin;
        Footer();
    }

    private void Footer()
    {
        if (_pageCount is not { } count) return;
        Artifact(() =>
        {
            var y = _page!.Height.Point - Margin + 4;
            Gfx.DrawLine(new XPen(XColors.LightGray, 0.5), Margin, y - 4, Margin + Width, y - 4);
            var box = new XRect(Margin, y, Width, 12);
            Gfx.DrawString(_footerLeft, Small, XBrushes.DimGray, box, XStringFormats.TopLeft);
            Gfx.DrawString($"Side {_document.PageCount} af {count}", Small, XBrushes.DimGray, box, XStringFormats.TopRight);
        });
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor.</summary>
    private void Need(double height)
    {
        if (_page is null || Y + height > Bottom) NewPage();
    }

    public void Space(double points) => Y += points;

    public void Heading(string text, ReportText style = ReportText.Subtitle)
    {
        var level1 = style == ReportText.Title;
        var font = level1 ? H1 : H2;
        // A heading keeps with what follows it (a table's header and first rows): never alone at the foot of a page.
        Need(font.Size * 3 + 60);
        Y += font.Size * 0.6;
        Bookmark(text, level1);
        Tagged(level1 ? PdfBlockLevelElementTag.Heading1 : PdfBlockLevelElementTag.Heading2, () =>
        {
            foreach (var line in Wrap(text, font, Width))
            {
                Need(font.Size * 1.4);
                Gfx.DrawString(line, font, new XSolidBrush(Accent), new XRect(Margin, Y, Width, font.Size * 1.4), XStringFormats.TopLeft);
                Y += font.Size * 1.3;
            }
        });
        Y += font.Size * 0.3;
    }

    /// <summary>A bookmark for each heading: the level-one headings at the top, the others under the one before them.</summary>
    private void Bookmark(string text, bool level1)
    {
        if (level1 || _section is null) _section = _document.Outlines.Add(text, _page!, true);
        else _section.Outlines.Add(text, _page!, false);
    }

    public void Paragraph(string text, ReportText style = ReportText.Regular, double indent = 0) =>
        Tagged(PdfBlockLevelElementTag.Paragraph, () => Lines(text, Font(style), Margin + indent, Width - indent));

    public void List(IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        Tagged(PdfBlockLevelElementTag.List, () =>
        {
            foreach (var item in items)
                Tagged(PdfBlockLevelElementTag.ListItem, () =>
                {
                    Need(Regular.Size * 1.35);
                    var top = Y;
                    Tagged(PdfBlockLevelElementTag.Label, () => Gfx.DrawString("•", Regular, XBrushes.Black,
                        new XRect(Margin + 4, top, 10, Regular.Size * 1.35), XStringFormats.TopLeft));
                    Tagged(PdfBlockLevelElementTag.ListBody, () => Lines(item, Regular, Margin + 16, Width - 16));
                });
        });
    }

    /// <summary>Wrapped lines of text; each line but the last keeps the space it was broken at, so the words of a paragraph are
    /// not run together when its text is read out or copied.</summary>
    private void Lines(string text, XFont font, double left, double width)
    {
        var lineHeight = font.Size * 1.35;
        foreach (var line in Wrap(text, font, width))
        {
            Need(lineHeight);
            Gfx.DrawString(line, font, XBrushes.Black, new XRect(left, Y, width, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }
        Y += font.Size * 0.4;
    }

    private XFont Font(ReportText style) => style switch
    {
        ReportText.Bold => Bold,
        ReportText.Small => Small,
        ReportText.Subtitle => H2,
        ReportText.Title => H1,
        _ => Regular,
    };

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                if (Measure(word, font) > width)
                {
                    // A word wider than the column is broken after a '/', or else with a hyphen; its pieces join without a space.
                    if (line.Length > 0) lines.Add(line + " ");
                    var pieces = Pieces(word, font, width);
                    lines.AddRange(pieces[..^1]);
                    line = pieces[^1];
                    continue;
                }
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Measure(candidate, font) > width)
                {
                    lines.Add(line + " ");
                    line = word;
                }
                else line = candidate;
            }
            lines.Add(line);
        }
        return lines;
    }

    private List<string> Pieces(string word, XFont font, double width)
    {
        var pieces = new List<string>();
        var rest = word;
        while (rest.Length > 1 && Measure(rest, font) > width)
        {
            var cut = rest.Length - 1;
            while (cut > 1 && Measure(rest[..cut] + "-", font) > width) cut--;
            var slash = rest.LastIndexOf('/', cut - 1);
            if (slash > 0)
            {
                pieces.Add(rest[..(slash + 1)]);
                rest = rest[(slash + 1)..];
            }
            else
            {
                pieces.Add(rest[..cut] + "-");
                rest = rest[cut..];
            }
        }
        pieces.Add(rest);
        return pieces;
    }

    private double Measure(string text, XFont font) => (_gfx ?? XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point,
        XPageDirection.Downwards)).MeasureString(text, font).Width;

    /// <summary>
    /// A table: the header row is tagged as column headers and drawn again (as page furniture) at the top of every page the table
    /// runs onto; the first cell of each row is its row header; every cell shows its whole text, wrapped. Columns after the first
    /// are right-aligned.
    /// </summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows,
        ReportText style = ReportText.Small)
    {
        var font = Font(style);
        var headerFont = new XFont(SystemFontResolver.Family, font.Size, XFontStyleEx.Bold);
        var lineHeight = font.Size * 1.2;
        var scale = Width / widths.Sum();
        var columns = widths.Select(w => w * scale).ToArray();
        // A header breaks where it has '\n' (a hyphen before it joins the word again when read).
        var headerLines = headers.Select((h, i) => h.Split('\n').SelectMany(part => Wrap(part, headerFont, columns[i] - 6)).ToList())
            .ToList();
        var headerHeight = headerLines.Max(l => l.Count) * lineHeight + font.Size * 0.6;

        void Header(bool repeated)
        {
            if (repeated) Artifact(() => DrawHeader());
            else
                Tagged(PdfBlockLevelElementTag.TableHeadRowGroup, () => Tagged(PdfBlockLevelElementTag.TableRow, DrawHeader));
            Y += headerHeight;
        }
        void DrawHeader()
        {
            Artifact(() => Gfx.DrawRectangle(new XSolidBrush(Accent), Margin, Y, Width, headerHeight));
            var x = Margin;
            for (var i = 0; i < headers.Count; i++)
            {
                var column = i;
                var left = x;
                Tagged(PdfBlockLevelElementTag.TableHeaderCell, () =>
                {
                    _structure.CurrentStructureElement.TableAttributes.Elements.SetName("/Scope", "/Column");
                    _structure.CurrentStructureElement.Elements.SetString("/ActualText",
                        ReportHeaders.Plain(headers[column]));
                    DrawLines(headerLines[column], headerFont, XBrushes.White, left, columns[column], Y, headerHeight, column == 0);
                });
                x += columns[i];
            }
        }

        Need(headerHeight + lineHeight * 3);
        Tagged(PdfBlockLevelElementTag.Table, () =>
        {
            Header(repeated: false);
            var shade = false;
            var any = false;
            Tagged(PdfBlockLevelElementTag.TableBodyRowGroup, () =>
            {
                foreach (var row in rows)
                {
                    any = true;
                    var cells = row.Select((cell, i) => Wrap(cell, font, columns[i] - 6)).ToList();
                    var rowHeight = cells.Max(c => c.Count) * lineHeight + font.Size * 0.6;
                    if (Y + rowHeight > Bottom)
                    {
                        NewPage();
                        Header(repeated: true);
                    }
                    var top = Y;
                    if (shade) Artifact(() => Gfx.DrawRectangle(new XSolidBrush(Light), Margin, top, Width, rowHeight));
                    Tagged(PdfBlockLevelElementTag.TableRow, () =>
                    {
                        var x = Margin;
                        for (var i = 0; i < cells.Count; i++)
                        {
                            var column = i;
                            var left = x;
                            Tagged(i == 0 ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell, () =>
                            {
                                if (column == 0) _structure.CurrentStructureElement.TableAttributes.Elements.SetName("/Scope", "/Row");
                                DrawLines(cells[column], font, XBrushes.Black, left, columns[column], top, rowHeight, column == 0);
                            });
                            x += columns[i];
                        }
                    });
                    Y += rowHeight;
                    shade = !shade;
                }
                if (!any)
                    Tagged(PdfBlockLevelElementTag.TableRow, () => Tagged(PdfBlockLevelElementTag.TableDataCell, () =>
                    {
                        _structure.SetColSpan(headers.Count);
                        DrawLines(["Ingen"], font, XBrushes.Black, Margin, Width, Y, lineHeight + font.Size * 0.6, true);
                        Y += lineHeight + font.Size * 0.6;
                    }));
            });
        });
        Y += lineHeight * 0.6;
    }

    /// <summary>Lines of a cell, centred in its height; the first column left-aligned, the others right-aligned.</summary>
    private void DrawLines(IReadOnlyList<string> lines, XFont font, XBrush brush, double left, double width, double top, double height,
        bool leftAligned)
    {
        var lineHeight = font.Size * 1.2;
        var y = top + (height - lines.Count * lineHeight) / 2;
        foreach (var line in lines)
        {
            Gfx.DrawString(line, font, brush, new XRect(left + 3, y, width - 6, lineHeight),
                leftAligned ? XStringFormats.TopLeft : XStringFormats.TopRight);
            y += lineHeight;
        }
    }

    /// <summary>Horizontal bars, one per label, values from 0 to <paramref name="max"/>; a figure whose alternative text reads
    /// out every bar.</summary>
    public void BarChart(string caption, IReadOnlyList<(string Label, double? Value, string Text)> bars, double max)
    {
        const double barHeight = 16.0;
        var height = bars.Count * (barHeight + 6) + 30;
        Need(height);
        Paragraph(caption, ReportText.Bold);
        var labelWidth = 150.0;
        var barArea = Width - labelWidth - 60;
        var alt = ChartText.BarsAlt(caption, bars);
        Figure(alt, new XRect(Margin, Y, Width, bars.Count * (barHeight + 6)), () =>
        {
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
        });
        Y += 10;
    }

    /// <summary>
    /// One small chart per series, two in a row, each with its own scale of 0–100 %, Danish month names and its latest value
    /// written out; each a figure whose alternative text reads its months and values.
    /// </summary>
    public void TrendCharts(string caption, IReadOnlyList<YearMonth> months, IReadOnlyList<TrendSeries> series)
    {
        const double gap = 24, plotHeight = 78, chartHeight = plotHeight + 58;
        Need(chartHeight + 30);
        Paragraph(caption, ReportText.Bold);
        var chartWidth = (Width - gap) / 2;
        for (var s = 0; s < series.Count; s++)
        {
            if (s % 2 == 0) Need(chartHeight);
            var left = Margin + s % 2 * (chartWidth + gap);
            var top = Y;
            Figure(ChartText.Alt(series[s], months), new XRect(left, top, chartWidth, chartHeight),
                () => SmallChart(series[s], months, left, top, chartWidth, plotHeight));
            if (s % 2 == 1 || s == series.Count - 1) Y = top + chartHeight;
        }
        Y += 6;
    }

    private void SmallChart(TrendSeries series, IReadOnlyList<YearMonth> months, double left, double top, double width, double plotHeight)
    {
        Gfx.DrawString(series.Name, SmallBold, XBrushes.Black, new XRect(left, top, width, 12), XStringFormats.TopLeft);
        var plotLeft = left + 30;
        var plotTop = top + 18;
        var plotWidth = width - 64;
        var grid = new XPen(XColors.LightGray, 0.5);
        foreach (var p in new[] { 0, 50, 100 })
        {
            var y = plotTop + plotHeight - p / 100.0 * plotHeight;
            Gfx.DrawLine(grid, plotLeft, y, plotLeft + plotWidth, y);
            Gfx.DrawString($"{p} %", Small, XBrushes.DimGray, new XRect(left, y - 5, 26, 10), XStringFormats.CenterRight);
        }
        var step = months.Count > 1 ? plotWidth / (months.Count - 1) : plotWidth;
        foreach (var (i, month, year) in ChartText.AxisLabels(months))
        {
            var x = plotLeft + i * step;
            Gfx.DrawString(month, Small, XBrushes.DimGray, new XRect(x - 14, plotTop + plotHeight + 3, 28, 10), XStringFormats.TopCenter);
            if (year is not null)
                Gfx.DrawString(year, Small, XBrushes.DimGray, new XRect(x - 14, plotTop + plotHeight + 13, 28, 10),
                    XStringFormats.TopCenter);
        }
        var pen = new XPen(Accent, 1.8);
        XPoint? previous = null;
        XPoint? last = null;
        for (var i = 0; i < series.Values.Count; i++)
        {
            if (series.Values[i] is not { } v) { previous = null; continue; }
            var point = new XPoint(plotLeft + i * step, plotTop + plotHeight - Math.Clamp(v, 0, 1) * plotHeight);
            if (previous is { } p) Gfx.DrawLine(pen, p, point);
            Gfx.DrawEllipse(new XSolidBrush(Accent), point.X - 1.6, point.Y - 1.6, 3.2, 3.2);
            previous = point;
            last = i == series.Values.Count - 1 ? point : null;
        }
        if (last is { } end && series.Values[^1] is { } latest)
            Gfx.DrawString(ChartText.Percent(latest), SmallBold, new XSolidBrush(Accent), new XRect(end.X + 4, end.Y - 5, 34, 10),
                XStringFormats.CenterLeft);
    }

    private void Tagged(PdfBlockLevelElementTag tag, Action draw)
    {
        _structure.BeginElement(tag);
        draw();
        _structure.End();
    }

    /// <summary>A figure: its drawing, its alternative text and its bounding box (in the PDF's coordinates, from the page's foot).
    /// </summary>
    private void Figure(string alt, XRect box, Action draw)
    {
        _structure.BeginElement(PdfIllustrationElementTag.Figure, alt,
            new XRect(box.X, _page!.Height.Point - box.Bottom, box.Width, box.Height));
        draw();
        _structure.End();
    }

    /// <summary>Drawing that is not content: decoration and page furniture, which a screen reader skips.</summary>
    private void Artifact(Action draw)
    {
        _structure.BeginArtifact();
        draw();
        _structure.End();
    }

    /// <summary>Saves the PDF with its PDF/UA declaration.</summary>
    private byte[] Finish()
    {
        _gfx?.Dispose();
        _gfx = null;
        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return PdfUaDeclaration.AppendTo(stream.ToArray(), _document);
    }
}
