using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The figures as an Excel workbook (DocumentFormat.OpenXml, MIT), the same rows as the CSV (<see cref="ReportRows"/>): numbers
/// as numbers, shares as percentages of their fraction, hidden small counts as the text "&lt;5", a bold header that stays in
/// view, a filter on every column, and the report's title and language in the document's properties. A text cell of a
/// workbook is never run as a formula, so names need no escaping here.
/// </summary>
public static class ReportXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Indexes into the cell formats of Styles(): the default, the header's bold, and a share shown as a percentage (Excel's
    // built-in number format 10, "0.00%", which Danish Excel shows as 41,94 %).
    private const uint HeaderStyle = 1;
    private const uint ShareStyle = 2;

    public static byte[] Bytes(MonthlyFigures f)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = $"Månedsrapport om belægning – {f.MunicipalityName} Kommune – " +
                Pdf.MonthlyReportPdf.MonthName(f.Month);
            document.PackageProperties.Language = "da-DK";
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData(Row(1, ReportRows.Header.Select(h => Text(h, HeaderStyle))));
            uint line = 1;
            foreach (var row in ReportRows.Of(f))
                data.Append(Row(++line, [Text(row.Section), Text(row.Item), Text(row.Measure), Value(row.Value)]));
            sheet.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                }) { WorkbookViewId = 0 }),
                new Columns(Width(1, 26), Width(2, 36), Width(3, 48), Width(4, 14)),
                data,
                new AutoFilter { Reference = $"A1:D{line}" });
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Tal" }));
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IEnumerable<Cell> cells) => new(cells) { RowIndex = index };

    private static Cell Text(string text, uint style = 0) =>
        new(new InlineString(new Text(text))) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(double value, uint style = 0) =>
        new(new CellValue(value)) { DataType = CellValues.Number, StyleIndex = style };

    private static Cell Value(object? value) => value switch
    {
        null => new Cell(),
        Share share => Number(share.Fraction, ShareStyle),
        PersonCount { Suppressed: true } => Text("<5"),
        PersonCount count => Number(count.Value),
        int i => Number(i),
        long l => Number(l),
        double d => Number(d),
        decimal m => Number((double)m),
        bool b => Text(b ? "ja" : "nej"),
        _ => Text(value.ToString() ?? ""),
    };

    private static Column Width(uint column, double width) => new() { Min = column, Max = column, Width = width, CustomWidth = true };

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }));
}
