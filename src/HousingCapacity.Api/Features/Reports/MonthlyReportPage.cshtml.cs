using System.Globalization;
using HousingCapacity.Api.Features.Shared;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Reporting.Pdf;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Reports;

/// <summary>
/// The committee's month: the monthly report as a page (the PDF's own sections, tables and charts: MonthlyReportPdf.Write), with the
/// PDF and CSV to download and the 12-month trend. Aggregates only; small numbers are suppressed as in the PDF.
/// </summary>
[ForRole(Role.Committee)]
public sealed class MonthlyReportPageModel(MonthlyReportBuilder builder) : HousingPage
{
    public override string Title => "Månedsrapport";

    [BindProperty(SupportsGet = true, Name = "maaned")] public string? Month { get; set; }

    public YearMonth Selected { get; private set; }
    public IReadOnlyList<YearMonth> Months { get; private set; } = [];
    public IHtmlContent Report { get; private set; } = HtmlString.Empty;
    public MonthlyFigures Figures { get; private set; } = null!;

    public static string Name(YearMonth month) =>
        new LocalDate(month.Year, month.Month, 1).ToString("MMMM yyyy", CultureInfo.GetCultureInfo("da-DK"));

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        var canvas = new HtmlReportCanvas();
        MonthlyReportPdf.Write(canvas, Figures);
        Report = new HtmlString(canvas.Html);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        try
        {
            return File(builder.PdfOf(Figures), "application/pdf", ReportCsv.FileName(Figures) + ".pdf");
        }
        catch (MissingFontException)
        {
            Invalid("", "PDF'en kan ikke dannes: en skrifttype mangler på serveren (fonts-dejavu-core).");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        return File(ReportCsv.Bytes(Figures), CsvFile.ContentType, ReportCsv.FileName(Figures) + ".csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        return File(ReportXlsx.Bytes(Figures), ReportXlsx.ContentType, ReportCsv.FileName(Figures) + ".xlsx");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var today = Today;
        var current = new YearMonth(today.Year, today.Month);
        // The last 24 months; the default is the last closed month, the one the committee meets about.
        Months = Enumerable.Range(0, 24).Select(i => current.OnDayOfMonth(1).PlusMonths(-i)).Select(d => new YearMonth(d.Year, d.Month))
            .ToList();
        Selected = Months[1];
        if (Month is { Length: > 0 } text)
        {
            var parsed = NodaTime.Text.YearMonthPattern.Iso.Parse(text);
            if (!parsed.Success || !Months.Contains(parsed.Value))
            {
                Invalid(nameof(Month), "Vælg en måned fra listen (de seneste 24 måneder).");
                Report = HtmlString.Empty;
                return Page();
            }
            Selected = parsed.Value;
        }
        Month = NodaTime.Text.YearMonthPattern.Iso.Format(Selected);
        var code = Caller.MunicipalityCode!.Value;
        // The same rule as GET /reports/monthly/{code}/…: the committee of the caller's own municipality.
        AccessPolicy.EnsureMayFetchOf(Caller, AccessPolicy.Reports, code, "hente månedsrapporter", "fetch monthly reports", "rapporter",
            "the reports");
        Figures = (await builder.BuildAsync(code, Selected, HttpContext.RequestAborted))!;
        return null;
    }
}
