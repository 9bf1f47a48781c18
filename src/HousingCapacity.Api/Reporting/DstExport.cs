using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Security;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// <c>GET /reports/dst/{municipalityCode}/{yyyy}-Q{n}.csv</c> (or <c>.json</c>): the quarter's file for Danmarks Statistik's
/// §110 registration. Every §110 place reports each quarter its check-ins and check-outs ("De enkelte boformer indberetter hvert
/// kvartal en fil med data indeholdende de brugere, som indskrives eller udskrives"; dst.dk, statistikdokumentation "Boformer",
/// Statistisk behandling). One row per stay at the municipality's §110 places (by the stay's legal basis) that began or ended in
/// the quarter. The file carries CPR numbers, as DST links the data to its population register: it is for the housing officers of
/// the municipality only, and every person in it is written to the access log before it is sent. A quarter that has not ended
/// may be exported (a draft), and is flagged so.
/// </summary>
public static partial class DstExport
{
    [GeneratedRegex(@"^(?<year>\d{4})-Q(?<quarter>[1-4])\.(?<format>csv|json)$")]
    private static partial Regex FileName();

    public sealed record Row(int FacilityId, string Facility, int PlacementId, string Event, string? Cpr, string Gender, int BirthYear,
        string AgeBasis, string Alias, DateOnly AdmittedOn, string PriorResidence, DateOnly? DischargedOn, string DischargeReason,
        string Destination, string FollowUpSupport, string Handlekommune);

    public sealed record Quarter(int MunicipalityCode, string Period, DateOnly FirstDay, DateOnly LastDay, bool Complete,
        IReadOnlyList<Row> Rows);

    public static void MapDstExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/reports/dst/{municipalityCode}/{file}", async (HttpContext http, string municipalityCode, string file,
            HousingDbContext db, IClock clock) =>
            await ODataProblem.AnswerAsync(http, async () =>
            {
                var match = FileName().Match(file);
                if (!int.TryParse(municipalityCode, CultureInfo.InvariantCulture, out var code) || !match.Success
                    || int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) < 2000)
                    throw ODataProblem.BadRequest("InvalidExportAddress",
                        "Adressen skal have formen /reports/dst/{kommunekode}/{åååå}-Q{1-4}.csv (eller .json), " +
                        "fx /reports/dst/175/2026-Q3.csv.",
                        "The address must look like /reports/dst/{municipalityCode}/{yyyy}-Q{1-4}.csv (or .json), " +
                        "e.g. /reports/dst/175/2026-Q3.csv.");
                AccessPolicy.EnsureMayFetchOf(http.RequestServices.GetRequiredService<CallerScope>().Current, AccessPolicy.DstExport, code,
                    "hente Danmarks Statistik-udtrækket", "fetch the Statistics Denmark export", "udtræk", "the export");
                var (year, q) = (int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture));
                var (quarter, persons) = await BuildAsync(db, code, year, q, DanishTime.Today(clock), http.RequestAborted);
                await WriteAccessLogAsync(db, quarter, persons, clock, http.RequestAborted);
                if (!quarter.Complete) http.Response.Headers["X-Quarter-Complete"] = "false";
                if (match.Groups["format"].Value == "json")
                {
                    http.Response.ContentType = "application/json; charset=utf-8";
                    await System.Text.Json.JsonSerializer.SerializeAsync(http.Response.Body, quarter, ReportJson.Options,
                        http.RequestAborted);
                    return;
                }
                http.Response.ContentType = "text/csv; charset=utf-8";
                var name = $"dst-110-{code}-{quarter.Period}{(quarter.Complete ? "" : "-kladde")}.csv";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
                await http.Response.Body.WriteAsync(CsvBytes(quarter),
                    http.RequestAborted);
            }));

    /// <summary>The quarter's rows, and the persons they concern (for the access log).</summary>
    public static async Task<(Quarter Quarter, IReadOnlyList<int> PersonIds)> BuildAsync(HousingDbContext db, int municipalityCode,
        int year, int quarter, LocalDate today, CancellationToken ct)
    {
        var municipality = await db.Unscoped<Municipality>().AsNoTracking().SingleOrDefaultAsync(m => m.Code == municipalityCode, ct)
            ?? throw ODataProblem.NotFound($"Der findes ingen kommune med koden {municipalityCode}.",
                $"There is no municipality with code {municipalityCode}.");
        var first = new LocalDate(year, quarter * 3 - 2, 1);
        var last = first.PlusMonths(3).PlusDays(-1);
        if (first > today)
            throw ODataProblem.BadRequest("QuarterInFuture", $"{year}-Q{quarter} er ikke begyndt endnu.",
                $"{year}-Q{quarter} has not begun yet.", "quarter");
        var (from, to) = (first.ToDateOnly(), last.ToDateOnly());
        var municipalities = await db.Unscoped<Municipality>().AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Code, ct);
        var stays = await db.Unscoped<Placement>().AsNoTracking()
            .Where(p => p.Facility!.MunicipalityId == municipality.Id && p.LegalBasis == LegalBasis.Section110
                        && (p.StartDate >= from && p.StartDate <= to || p.EndDate != null && p.EndDate >= from && p.EndDate <= to))
            .OrderBy(p => p.FacilityId).ThenBy(p => p.StartDate).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.PersonId, p.FacilityId, Facility = p.Facility!.Name, p.StartDate, p.EndDate, p.PriorResidence, p.DischargeReason,
                p.Destination,
                p.FollowUpSupport, p.ResponsibleMunicipalityId, p.Person!.Cpr, p.Person.Gender, p.Person.BirthDate, p.Person.AgeBasis,
                p.Person.Alias,
            })
            .ToListAsync(ct);
        var rows = stays.Select(s =>
        {
            var admitted = s.StartDate >= from && s.StartDate <= to;
            var discharged = s.EndDate is { } e && e >= from && e <= to;
            return new Row(s.FacilityId, s.Facility, s.Id,
                admitted && discharged ? "Indskrivning og udskrivning" : admitted ? "Indskrivning" : "Udskrivning",
                s.Cpr, s.Gender == Gender.Female ? "Kvinde" : "Mand", s.BirthDate.Year,
                s.AgeBasis switch { AgeBasis.CprNumber => "CPR", AgeBasis.BirthYear => "Oplyst fødselsår", _ => "Anslået" },
                s.Cpr is null ? s.Alias ?? "" : "",
                s.StartDate, DstCategories.Label(s.PriorResidence), discharged ? s.EndDate : null,
                discharged ? DstCategories.Label(s.DischargeReason) : "", discharged ? DstCategories.Label(s.Destination) : "",
                discharged ? DstCategories.Label(s.FollowUpSupport) : "",
                s.ResponsibleMunicipalityId is { } h && municipalities.TryGetValue(h, out var c)
                    ? c.ToString("000", CultureInfo.InvariantCulture) : "Ukendt");
        }).ToList();
        return (new Quarter(municipalityCode, $"{year}-Q{quarter}", from, to, last < today, rows),
            stays.Select(s => s.PersonId).Distinct().ToList());
    }

    /// <summary>Every person in the file, in the access log before the file leaves; if the log cannot be written, nothing leaves.</summary>
    private static async Task WriteAccessLogAsync(HousingDbContext db, Quarter quarter, IReadOnlyList<int> persons, IClock clock,
        CancellationToken ct)
    {
        db.AccessLog.Add(AccessLog.Entry(db.Scope, clock.GetCurrentInstant(), $"DstExport {quarter.MunicipalityCode} {quarter.Period}",
            persons));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            throw new ODataProblem(503, "AccessLogUnavailable",
                "Udtrækket indeholder persondata, og adgangsloggen kunne ikke skrives lige nu. Prøv igen.",
                "The export holds personal data and the access log could not be written just now. Try again.")
            {
                RetryAfter = TimeSpan.FromSeconds(5),
            };
        }
    }

    /// <summary>The quarter's file (<see cref="CsvFile"/>: text that would run as a formula is escaped).</summary>
    public static byte[] CsvBytes(Quarter q) => CsvFile.Write(
        ["Boform", "BoformNavn", "OpholdId", "Haendelse", "CPR", "Koen", "Foedselsaar", "AlderKilde", "Alias", "Indskrivningsdato",
            "OpholdsstedFoer", "Udskrivningsdato", "Udskrivningsform", "UdskrevetTil", "EfterfoelgendeStoette", "Handlekommune"],
        csv =>
        {
            foreach (var r in q.Rows)
                csv.Row(r.FacilityId.ToString(CultureInfo.InvariantCulture), r.Facility, r.PlacementId.ToString(CultureInfo.InvariantCulture),
                    r.Event, r.Cpr, r.Gender, r.BirthYear.ToString(CultureInfo.InvariantCulture), r.AgeBasis, r.Alias,
                    r.AdmittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.PriorResidence,
                    r.DischargedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.DischargeReason, r.Destination,
                    r.FollowUpSupport, r.Handlekommune);
        });

    /// <summary>The quarter's file as text, without the byte order mark.</summary>
    public static string Csv(Quarter q) => Encoding.UTF8.GetString(CsvBytes(q)).TrimStart('\uFEFF');
}
