using System.Text.RegularExpressions;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Reporting.Pdf;

namespace HousingCapacity.Api.Reporting;

/// <summary>GET /reports/monthly/{municipalityCode}/{yyyy-MM}.pdf | .json | .csv | .xlsx</summary>
public static partial class ReportEndpoints
{
    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{2})\.(?<format>pdf|json|csv|xlsx)$")]
    private static partial Regex FileName();

    public static void MapReports(this IEndpointRouteBuilder app) =>
        app.MapGet("/reports/monthly/{municipalityCode}/{file}", async (HttpContext http, string municipalityCode, string file,
            MonthlyReportBuilder builder) =>
            await ODataProblem.AnswerAsync(http, async () =>
            {
                var match = FileName().Match(file);
                if (!int.TryParse(municipalityCode, out var code) || !match.Success
                    || int.Parse(match.Groups["month"].Value) is < 1 or > 12 || int.Parse(match.Groups["year"].Value) < 2000)
                    throw Refusal.Invalid("InvalidReportAddress",
                        "Adressen skal have formen /reports/monthly/{kommunekode}/{åååå-MM}.pdf (eller .json, .csv, .xlsx), fx " +
                            "/reports/monthly/175/2026-10.pdf.",
                        "The address must look like /reports/monthly/{municipalityCode}/{yyyy-MM}.pdf (or .json, .csv, .xlsx), " +
                            "e.g. " +
                            "/reports/monthly/175/2026-10.pdf.").AsException();
                // The committee and the housing officers of that municipality; the figures are aggregates (never a person).
                Security.AccessPolicy.EnsureMayFetchOf(http.RequestServices.GetRequiredService<Security.CallerScope>().Current,
                    Security.AccessPolicy.Reports, code, "hente månedsrapporter", "fetch monthly reports", "rapporter", "the reports");
                var month = new YearMonth(int.Parse(match.Groups["year"].Value), int.Parse(match.Groups["month"].Value));
                var figures = await builder.BuildAsync(code, month, http.RequestAborted)
                    ?? throw Refusal.NotFound($"Der findes ingen kommune med koden {code}.",
                        $"There is no municipality with code {code}.").AsException();
                var name = ReportCsv.FileName(figures);
                switch (match.Groups["format"].Value)
                {
                    case "json":
                        http.Response.ContentType = "application/json; charset=utf-8";
                        await System.Text.Json.JsonSerializer.SerializeAsync(http.Response.Body, figures, ReportJson.Options,
                            http.RequestAborted);
                        break;
                    case "csv":
                        http.Response.ContentType = CsvFile.ContentType;
                        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
                        await http.Response.Body.WriteAsync(ReportCsv.Bytes(figures), http.RequestAborted);
                        break;
                    case "xlsx":
                        http.Response.ContentType = ReportXlsx.ContentType;
                        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.xlsx\"";
                        await http.Response.Body.WriteAsync(ReportXlsx.Bytes(figures), http.RequestAborted);
                        break;
                    default:
                        byte[] pdf;
                        try
                        {
                            pdf = builder.PdfOf(figures);
                        }
                        catch (MissingFontException e)
                        {
                            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HousingCapacity.Reporting")
                                .LogError("{Message}", e.Message);
                            throw new Refusal(RefusalKind.Unavailable, "FontMissing",
                                "PDF'en kan ikke dannes: en skrifttype mangler på serveren (fonts-dejavu-core).",
                                "The PDF cannot be made: a font is missing on the server (fonts-dejavu-core).").AsException();
                        }
                        http.Response.ContentType = "application/pdf";
                        http.Response.Headers.ContentDisposition = $"inline; filename=\"{name}.pdf\"";
                        await http.Response.Body.WriteAsync(pdf, http.RequestAborted);
                        break;
                }
            }));
}
