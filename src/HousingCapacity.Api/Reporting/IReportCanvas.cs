namespace HousingCapacity.Api.Reporting;

/// <summary>
/// What the monthly report is written on: the PDF (Pdf/PdfLayout) and the committee's page (HtmlReportCanvas) get the same
/// headings, paragraphs, tables and charts from <see cref="Pdf.MonthlyReportPdf.Write"/>, so the two cannot show different figures.
/// </summary>
public interface IReportCanvas
{
    /// <summary>A new page in the PDF; on the page, nothing.</summary>
    void NewPage();
    void Space(double points);
    void Heading(string text, ReportText style = ReportText.Subtitle);
    void Paragraph(string text, ReportText style = ReportText.Regular, double indent = 0);
    /// <summary>A bulleted list.</summary>
    void List(IReadOnlyList<string> items);
    /// <summary>A table: the first column is text, the others figures. Widths are relative.</summary>
    void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows,
        ReportText style = ReportText.Small);
    /// <summary>Horizontal bars, one per label, values from 0 to <paramref name="max"/>.</summary>
    void BarChart(string caption, IReadOnlyList<(string Label, double? Value, string Text)> bars, double max);
    /// <summary>One small chart per series over the months, values 0–1 shown as percent; a null value is a gap.</summary>
    void TrendCharts(string caption, IReadOnlyList<YearMonth> months, IReadOnlyList<TrendSeries> series);
}
