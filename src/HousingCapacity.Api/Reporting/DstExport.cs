using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Security;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The quarter's file for Danmarks Statistik's §110 statistics. "De enkelte boformer indberetter hvert kvartal en fil med data
/// indeholdende de brugere, som indskrives eller udskrives" (dst.dk, statistikdokumentation "Boformer", Statistisk behandling),
/// uploaded through virk.dk as a system-made txt file or DST's spreadsheet. So the file is per boform:
/// <list type="bullet">
/// <item><c>GET /reports/dst/boform/{facilityId}/{yyyy}-Q{n}.txt</c> (or <c>.csv</c>, <c>.json</c>): one §110 place's file, for
/// that place's staff and the officers of the municipality that runs it.</item>
/// <item><c>GET /reports/dst/{municipalityCode}/{yyyy}-Q{n}.csv</c> (or <c>.json</c>): every §110 place of a municipality in one
/// file, for its officers' overview. Whether DST takes one file for several boformer was not confirmed: upload the places'
/// own files.</item>
/// </list>
/// A row per stay (by the stay's legal basis, §110) admitted or discharged in the quarter, with only what DST asks: the CPR
/// number (DST links it to the population register), the stay's type, the admission date and where the person stayed before,
/// and at a discharge its date, how it ended and where the person went. A person without a CPR number is given by gender and
/// birth year instead (DST's instruction for them was not found; docs/dst.md). No name, alias, handlekommune or §176 a decision
/// leaves: DST does not ask for them. Every person in a file is written to the access log before it leaves; that entry is
/// also the record that the quarter's file was fetched (<see cref="DstDeliveries"/>). A quarter that has not ended may be
/// fetched as a draft, flagged so.
/// </summary>
public static partial class DstExport
{
    [GeneratedRegex(@"^(?<year>\d{4})-Q(?<quarter>[1-4])\.(?<format>csv|json|txt)$")]
    private static partial Regex FileName();

    /// <summary>One stay in the file. Gender and birth year only for someone without a CPR number; the discharge's fields only
    /// when the stay ended in the quarter.</summary>
    public sealed record Row(int Boform, string BoformName, string? Cpr, int? Gender, int? BirthYear, int StayType, string StayTypeLabel,
        DateOnly AdmittedOn, int PriorResidence, string PriorResidenceLabel, DateOnly? DischargedOn, int? DischargeReason,
        string? DischargeReasonLabel, int? Destination, string? DestinationLabel);

    /// <summary>A quarter's file: of one boform, or of every boform of a municipality (<see cref="Boform"/> null).</summary>
    public sealed record Quarter(int MunicipalityCode, int? Boform, string Period, DateOnly FirstDay, DateOnly LastDay, DateOnly Deadline,
        bool Complete, IReadOnlyList<Row> Rows);

    /// <summary>The access log's operation for a boform's file: also the record that it was fetched.</summary>
    public static string BoformOperation(int facilityId, DstQuarter quarter) => $"DstFile {facilityId} {quarter.Period}";

    /// <summary>The access log's operation for a municipality's file of all its boformer.</summary>
    public static string MunicipalityOperation(int municipalityCode, DstQuarter quarter) =>
        $"DstExport {municipalityCode} {quarter.Period}";

    public static void MapDstExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/dst/boform/{facilityId}/{file}", async (HttpContext http, string facilityId, string file,
            HousingDbContext db, IClock clock) =>
            await ODataProblem.AnswerAsync(http, async () =>
            {
                var (quarter, format) = Parse(file, $"boform/{facilityId}");
                if (!int.TryParse(facilityId, CultureInfo.InvariantCulture, out var id)) throw BadAddress("boform/{tilbud}");
                var place = await FacilityOfAsync(db, id, http.RequestAborted);
                EnsureMayFetch(http, place);
                await AnswerAsync(http, await BoformFileAsync(db, place, quarter, clock, http.RequestAborted), format);
            }));

        app.MapGet("/reports/dst/{municipalityCode}/{file}", async (HttpContext http, string municipalityCode, string file,
            HousingDbContext db, IClock clock) =>
            await ODataProblem.AnswerAsync(http, async () =>
            {
                var (quarter, format) = Parse(file, "{kommunekode}");
                if (!int.TryParse(municipalityCode, CultureInfo.InvariantCulture, out var code) || format == "txt")
                    throw BadAddress("{kommunekode}");
                AccessPolicy.EnsureMayFetchOf(http.RequestServices.GetRequiredService<CallerScope>().Current, AccessPolicy.DstExport, code,
                    "hente Danmarks Statistik-udtrækket", "fetch the Statistics Denmark export", "udtræk", "the export");
                var (export, persons) = await BuildAsync(db, code, null, quarter, DanishTime.Today(clock), http.RequestAborted);
                await WriteAccessLogAsync(db, MunicipalityOperation(code, quarter), persons, clock, http.RequestAborted);
                await AnswerAsync(http, export, format);
            }));
    }

    private static (DstQuarter Quarter, string Format) Parse(string file, string route)
    {
        var match = FileName().Match(file);
        if (!match.Success || int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) < 2000) throw BadAddress(route);
        return (new DstQuarter(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture)), match.Groups["format"].Value);
    }

    private static RefusedException BadAddress(string route)
    {
        var txt = route.StartsWith("boform", StringComparison.Ordinal) ? ", .txt" : "";
        return Refusal.Invalid("InvalidExportAddress",
            $"Adressen skal have formen /reports/dst/{route}/{{åååå}}-Q{{1-4}}.csv (eller .json{txt}), " +
            "fx /reports/dst/175/2026-Q3.csv eller /reports/dst/boform/12/2026-Q3.txt.",
            $"The address must look like /reports/dst/{route}/{{yyyy}}-Q{{1-4}}.csv (or .json{txt}), " +
            "e.g. /reports/dst/175/2026-Q3.csv or /reports/dst/boform/12/2026-Q3.txt.").AsException();
    }

    /// <summary>A §110 place as the file needs it.</summary>
    public sealed record Boform(int Id, string Name, int MunicipalityId, int MunicipalityCode);

    /// <summary>The §110 place a boform file is for; 404 for anything else.</summary>
    public static async Task<Boform> FacilityOfAsync(HousingDbContext db, int id, CancellationToken ct) =>
        await db.Unscoped<Facility>().AsNoTracking().Where(f => f.Id == id && f.LegalBasis == LegalBasis.Section110)
            .Select(f => new Boform(f.Id, f.Name, f.MunicipalityId, f.Municipality!.Code)).SingleOrDefaultAsync(ct)
        ?? throw Refusal.NotFound($"Der findes intet herberg eller forsorgshjem efter § 110 med nummer {id}.",
            $"There is no §110 place with id {id}.").AsException();

    /// <summary>A boform's file is its own staff's and its municipality's officers' to fetch (<see cref="MayFetch"/>).</summary>
    private static void EnsureMayFetch(HttpContext http, Boform place)
    {
        var caller = http.RequestServices.GetRequiredService<CallerScope>().Current;
        AccessPolicy.Ensure(caller, AccessPolicy.DstFile, "hente Danmarks Statistik-filen", "fetch the Statistics Denmark file");
        if (!MayFetch(caller, place))
            throw new AccessDeniedException($"Filen for {place.Name} hentes af stedets personale og kommunens sagsbehandlere.",
                $"The file of {place.Name} is fetched by the place's staff and its municipality's officers.");
    }

    public static bool MayFetch(Caller caller, Boform place) => caller.IsSystem
        || caller.Is(Role.ShelterStaff) && caller.FacilityIds.Contains(place.Id)
        || caller.Is(Role.HousingOfficer) && caller.MunicipalityId == place.MunicipalityId;

    /// <summary>One boform's file for a quarter, its persons written to the access log before it leaves (also the record that it
    /// was fetched): the API's and the page's download alike.</summary>
    public static async Task<Quarter> BoformFileAsync(HousingDbContext db, Boform place, DstQuarter quarter, IClock clock,
        CancellationToken ct)
    {
        var (file, persons) = await BuildAsync(db, place.MunicipalityCode, place.Id, quarter, DanishTime.Today(clock), ct);
        await WriteAccessLogAsync(db, BoformOperation(place.Id, quarter), persons, clock, ct);
        return file;
    }

    /// <summary>The file's name: "dst-110-boform-12-2026-Q3.txt", "dst-110-175-2026-Q3-kladde.csv" for a quarter not yet ended.</summary>
    public static string FileName(Quarter quarter, string format) =>
        $"dst-110-{(quarter.Boform is { } boform ? $"boform-{boform}" : quarter.MunicipalityCode)}-{quarter.Period}" +
        $"{(quarter.Complete ? "" : "-kladde")}.{format}";

    private static async Task AnswerAsync(HttpContext http, Quarter quarter, string format)
    {
        if (!quarter.Complete) http.Response.Headers["X-Quarter-Complete"] = "false";
        switch (format)
        {
            case "json":
                http.Response.ContentType = "application/json; charset=utf-8";
                await System.Text.Json.JsonSerializer.SerializeAsync(http.Response.Body, quarter, ReportJson.Options, http.RequestAborted);
                return;
            case "txt":
                http.Response.ContentType = "text/plain; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(quarter, format)}\"";
                await http.Response.Body.WriteAsync(TxtBytes(quarter), http.RequestAborted);
                return;
            default:
                http.Response.ContentType = CsvFile.ContentType;
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(quarter, format)}\"";
                await http.Response.Body.WriteAsync(CsvBytes(quarter), http.RequestAborted);
                return;
        }
    }

    /// <summary>The quarter's rows, of one boform or of every boform of the municipality, and the persons they concern.</summary>
    public static async Task<(Quarter Quarter, IReadOnlyList<int> PersonIds)> BuildAsync(HousingDbContext db, int municipalityCode,
        int? boform, DstQuarter quarter, LocalDate today, CancellationToken ct)
    {
        var municipality = await db.Unscoped<Municipality>().AsNoTracking().SingleOrDefaultAsync(m => m.Code == municipalityCode, ct)
            ?? throw Refusal.NotFound($"Der findes ingen kommune med koden {municipalityCode}.",
                $"There is no municipality with code {municipalityCode}.").AsException();
        if (quarter.FirstDay > today)
            throw Refusal.Invalid("QuarterInFuture", $"{quarter.NameDa} er ikke begyndt endnu.",
                $"{quarter.Period} has not begun yet.", "quarter").AsException();
        var (from, to) = (quarter.FirstDay.ToDateOnly(), quarter.LastDay.ToDateOnly());
        var stays = await db.Unscoped<Placement>().AsNoTracking()
            .Where(p => p.Facility!.MunicipalityId == municipality.Id && p.LegalBasis == LegalBasis.Section110
                        && (boform == null || p.FacilityId == boform)
                        && (p.StartDate >= from && p.StartDate <= to || p.EndDate != null && p.EndDate >= from && p.EndDate <= to))
            .OrderBy(p => p.FacilityId).ThenBy(p => p.StartDate).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.PersonId, p.FacilityId, Facility = p.Facility!.Name, p.StartDate, p.EndDate, p.StayType, p.PriorResidence,
                p.DischargeReason, p.Destination, p.Person!.Cpr, p.Person.Gender, p.Person.BirthDate,
            })
            .ToListAsync(ct);
        var rows = stays.Select(s =>
        {
            var discharged = s.EndDate is { } e && e >= from && e <= to;
            var type = s.StayType ?? Section110StayType.Shelter;
            return new Row(s.FacilityId, s.Facility, s.Cpr,
                s.Cpr is null ? DstCodes.Code(s.Gender) : null, s.Cpr is null ? s.BirthDate.Year : null,
                DstCodes.Code(type), DstCodes.Label(type), s.StartDate, DstCodes.Code(s.PriorResidence), DstCodes.Label(s.PriorResidence),
                discharged ? s.EndDate : null,
                discharged ? DstCodes.Code(s.DischargeReason) : null, discharged ? DstCodes.Label(s.DischargeReason) : null,
                discharged ? DstCodes.Code(s.Destination) : null, discharged ? DstCodes.Label(s.Destination) : null);
        }).ToList();
        return (new Quarter(municipalityCode, boform, quarter.Period, from, to, quarter.Deadline.ToDateOnly(), quarter.Ended(today), rows),
            stays.Select(s => s.PersonId).Distinct().ToList());
    }

    /// <summary>Every person in the file, in the access log before the file leaves; if the log cannot be written, nothing leaves.</summary>
    private static async Task WriteAccessLogAsync(HousingDbContext db, string operation, IReadOnlyList<int> persons, IClock clock,
        CancellationToken ct)
    {
        db.AccessLog.Add(AccessLog.Entry(db.Scope, clock.GetCurrentInstant(), operation, persons));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            throw new Refusal(RefusalKind.Unavailable, "AccessLogUnavailable",
                "Udtrækket indeholder persondata, og adgangsloggen kunne ikke skrives lige nu. Prøv igen.",
                "The export holds personal data and the access log could not be written just now. Try again.")
            {
                RetryAfter = TimeSpan.FromSeconds(5),
            }.AsException();
        }
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    private static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// The txt file: a line per stay, fields separated by semicolons in this order, codes only, no header: boform; CPR number (ten
    /// digits); gender (1 man, 2 woman) and birth year, only without a CPR number; stay type; admission date; stay before;
    /// discharge date; how it ended; where to. Dates are yyyy-MM-dd. DST's own txt layout was not found published
    /// (docs/dst.md): this order is ours.
    /// </summary>
    public static byte[] TxtBytes(Quarter q) => CsvFile.WritePlain(csv =>
    {
        foreach (var r in q.Rows)
            csv.Row(Number(r.Boform), r.Cpr?.Replace("-", "", StringComparison.Ordinal), Number(r.Gender), Number(r.BirthYear),
                Number(r.StayType), Date(r.AdmittedOn), Number(r.PriorResidence), Date(r.DischargedOn), Number(r.DischargeReason),
                Number(r.Destination));
    });

    /// <summary>The same rows for a person to read or copy into DST's spreadsheet: every code beside its Danish label.</summary>
    public static byte[] CsvBytes(Quarter q) => CsvFile.Write(
        ["Boform", "BoformNavn", "CPR", "Koen", "Foedselsaar", "Opholdstype", "OpholdstypeTekst", "Indskrivningsdato",
            "OpholdsstedFoer", "OpholdsstedFoerTekst", "Udskrivningsdato", "Udskrivningsform", "UdskrivningsformTekst", "UdskrevetTil",
            "UdskrevetTilTekst"],
        csv =>
        {
            foreach (var r in q.Rows)
                csv.Row(Number(r.Boform), r.BoformName, r.Cpr, Number(r.Gender), Number(r.BirthYear), Number(r.StayType), r.StayTypeLabel,
                    Date(r.AdmittedOn), Number(r.PriorResidence), r.PriorResidenceLabel, Date(r.DischargedOn), Number(r.DischargeReason),
                    r.DischargeReasonLabel, Number(r.Destination), r.DestinationLabel);
        });

    /// <summary>The quarter's file as text, without the byte order mark.</summary>
    public static string Csv(Quarter q) => Encoding.UTF8.GetString(CsvBytes(q)).TrimStart('\uFEFF');
}
