using System.Globalization;
using System.Text;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Reporting;
using Microsoft.Extensions.Options;
using NodaTime.Text;

namespace HousingCapacity.Api.Features.Imports;

/// <summary>
/// <c>POST /imports/capacity-reports</c> with a CSV body (text/csv, or a multipart form with one file). Columns, in this
/// order: facility (its name as the catalogue has it, or its id), date, beds in service, beds occupied, beds out of service.
/// Comma or semicolon; UTF-8 with or without BOM; an optional header row; dates as yyyy-MM-dd or Danish dd-MM-yyyy / dd.MM.yyyy /
/// dd/MM/yyyy. Every row is checked and every error reported by line number; then all rows are imported or none. A row equal to
/// the report already stored changes nothing, so re-importing a file is harmless; a row that differs overwrites what was reported
/// for that night, and the answer lists each such night with what was there and who reported it (the page shows them first, as a
/// preview, and asks before it overwrites: issue 27.7).
/// </summary>
public static class CapacityImport
{
    private static readonly LocalDatePattern[] DatePatterns =
    [
        LocalDatePattern.Iso,
        LocalDatePattern.CreateWithInvariantCulture("dd-MM-uuuu"), LocalDatePattern.CreateWithInvariantCulture("d-M-uuuu"),
        LocalDatePattern.CreateWithInvariantCulture("dd.MM.uuuu"), LocalDatePattern.CreateWithInvariantCulture("d.M.uuuu"),
        LocalDatePattern.CreateWithInvariantCulture("dd/MM/uuuu"), LocalDatePattern.CreateWithInvariantCulture("d/M/uuuu"),
    ];

    /// <summary>The errors an answer lists at most (with the count of all).</summary>
    public const int MaxErrorsShown = 100;

    /// <param name="Applied">False for a preview: nothing was saved.</param>
    /// <param name="Overwritten">The nights already reported that the file changes, by line.</param>
    public sealed record Result(int Rows, int Created, int Updated, int Unchanged, bool Applied, IReadOnlyList<Overwrite> Overwritten);

    /// <summary>A night already reported that a line of the file changes: what was there, by whom and when, and what the line says.
    /// </summary>
    public sealed record Overwrite(int Line, int FacilityId, string FacilityName, DateOnly Date, int WasInService, int WasOccupied,
        int WasOutOfService, string ReportedBy, DateTimeOffset ReportedAt, int InService, int Occupied, int OutOfService);

    private sealed record Row(int Line, string Facility, LocalDate Date, int InService, int Occupied, int OutOfService);

    public static void MapCapacityImport(this IEndpointRouteBuilder app) =>
        app.MapPost("/imports/capacity-reports", async (HttpContext http, HousingDbContext db, IClock clock,
            IOptions<ODataLimits> options) =>
            await ODataProblem.AnswerAsync(http, async () =>
            {
                AccessPolicy.Ensure(db.Scope.Current, AccessPolicy.CapacityImport, "importere kapacitetsrapporter",
                    "import capacity reports");
                var imported = await (await ReadAsync(http, options.Value.MaxRequestBodyBytes * 8))
                    .ThenAsync(text => ImportAsync(db, text, clock, db.Scope.Current.Name, http.RequestAborted));
                if (imported.Refusal is { } refusal) await ODataProblem.From(refusal).WriteAsync(http.Response);
                // PascalCase, like the OData payloads, and Danish letters as themselves, as in the errors.
                else await Results.Json(imported.Value, new System.Text.Json.JsonSerializerOptions
                {
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }).ExecuteAsync(http);
            }));

    private static async Task<Outcome<string>> ReadAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit)
            return new Refusal(RefusalKind.TooLarge, "QueryLimitExceeded", $"Filen er for stor (højst {limit} bytes).",
                $"The file is too large (at most {limit} bytes).");
        Stream stream;
        if (http.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                // A truncated body, a missing boundary: the client's mistake (issue 23: these were 500s).
                return Refusal.Invalid("InvalidMultipart",
                    "Formularen kunne ikke læses: den er ufuldstændig eller mangler sin afgrænsning.",
                    "The form could not be read: it is incomplete or lacks its boundary.");
            }
            if (form.Files.Count != 1) return Refusal.Invalid("OneFile", "Send præcis én fil.", "Send exactly one file.");
            stream = form.Files[0].OpenReadStream();
        }
        else if (http.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true
                 || http.Request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true)
            stream = http.Request.Body;
        else
            return new Refusal(RefusalKind.UnsupportedForm, "UnsupportedMediaType", "Send filen som text/csv eller multipart/form-data.",
                "Send the file as text/csv or multipart/form-data.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > limit)
            return new Refusal(RefusalKind.TooLarge, "QueryLimitExceeded", $"Filen er for stor (højst {limit} bytes).",
                $"The file is too large (at most {limit} bytes).");
        try
        {
            // UTF-8, with or without BOM; invalid bytes are an error, not a guess.
            return new UTF8Encoding(false, true).GetString(buffer.ToArray()).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Refusal.Invalid("NotUtf8", "Filen er ikke UTF-8. Gem den som \"CSV UTF-8\".",
                "The file is not UTF-8. Save it as \"CSV UTF-8\".");
        }
    }

    /// <param name="apply">False: check every line and say what would change, and save nothing (the page's preview).</param>
    public static async Task<Outcome<Result>> ImportAsync(HousingDbContext db, string text, IClock clock, string reportedBy,
        CancellationToken ct, bool apply = true)
    {
        var today = DanishTime.Today(clock);
        var errors = new List<Refusal>();
        var rows = new List<Row>();
        // Through the one CSV reader: a quoted field with the separator in it stays one field.
        foreach (var (lineNumber, fields) in CsvFile.Read(Encoding.UTF8.GetBytes(text)))
        {
            var number = (int)lineNumber;
            var cells = fields.Select(c => c.Trim()).ToArray();
            if (cells.All(c => c.Length == 0)) continue;
            // The header row: a first row whose counts are not numbers.
            if (rows.Count == 0 && errors.Count == 0 && cells.Length > 2 && !int.TryParse(cells[2], out _)
                && DatePatterns.All(p => !p.Parse(cells[1]).Success)) continue;
            void Error(string da, string en) => errors.Add(LineError(number, "InvalidRow", da, en));
            if (cells.Length != 5)
            {
                Error($"forventede 5 kolonner, fandt {cells.Length}.", $"expected 5 columns, found {cells.Length}.");
                continue;
            }
            if (cells[0].Length == 0)
            {
                Error("tilbuddet mangler (skriv dets navn eller id).", "the facility is missing (write its name or id).");
                continue;
            }
            var date = DatePatterns.Select(p => p.Parse(cells[1])).FirstOrDefault(r => r.Success);
            if (date is null)
            {
                Error($"datoen '{cells[1]}' kan ikke læses (skriv den som 31-12-2026).",
                $"the date '{cells[1]}' cannot be read (use yyyy-MM-dd or dd-MM-yyyy)."); continue;
            }
            var counts = new int[3];
            var ok = true;
            for (var c = 0; c < 3; c++)
                if (!int.TryParse(cells[2 + c], NumberStyles.None, CultureInfo.InvariantCulture, out counts[c]))
                {
                    Error($"'{cells[2 + c]}' er ikke et antal senge.", $"'{cells[2 + c]}' is not a number of beds.");
                    ok = false;
                }
            if (!ok) continue;
            if (date.Value > today) { Error("datoen ligger i fremtiden.", "the date is in the future."); continue; }
            rows.Add(new Row(number, cells[0], date.Value, counts[0], counts[1], counts[2]));
        }
        if (rows.Count == 0 && errors.Count == 0)
            return Refusal.Invalid("EmptyFile", "Filen indeholder ingen rækker.", "The file contains no rows.");

        await using var transaction = await db.BeginWriteAsync(ct);
        // Staff import their own facilities' counts, an administrator their municipality's: a facility out of their sight is, as
        // for any write, one that does not exist (its line says so), and nothing is saved.
        var administratorOf = db.Scope.Current.Is(Role.Administrator) ? db.Scope.Current.MunicipalityId : null;
        var facilities = await db.Facilities.Where(f => administratorOf == null || f.MunicipalityId == administratorOf)
            .Select(f => new { f.Id, f.Name, Beds = f.Units.Where(u => u.OpenFrom == null).Sum(u => u.Beds) }).ToListAsync(ct);
        // Extra beds count on the nights they are open (the ceiling of each row's counts).
        var ids = facilities.Select(f => f.Id).ToList();
        var extra = (await db.Unscoped<Unit>().AsNoTracking().Where(u => ids.Contains(u.FacilityId) && u.OpenFrom != null)
            .ToListAsync(ct)).ToLookup(u => u.FacilityId);
        int BedsOn(int facilityId, int regular, LocalDate date) => regular + extra[facilityId].Where(u => u.OpenOn(date)).Sum(u => u.Beds);
        var byId = facilities.ToDictionary(f => f.Id);
        var byName = facilities.ToLookup(f => f.Name.Trim(), StringComparer.OrdinalIgnoreCase);
        var resolved = new List<(Row Row, int FacilityId)>();
        foreach (var row in rows)
        {
            var named = byName[row.Facility].ToList();
            int? facilityId = named.Count == 1 ? named[0].Id
                : int.TryParse(row.Facility, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && byId.ContainsKey(id) ? id
                : null;
            if (named.Count > 1)
                errors.Add(LineError(row.Line, "AmbiguousFacility", $"flere tilbud hedder '{row.Facility}'; skriv tilbuddets nummer.",
                    $"more than one facility is named '{row.Facility}'; write the facility's id."));
            else if (facilityId is null)
            {
                // A number as it was written before names were read (clients look for "facility 2 does not exist").
                var (da, en) = int.TryParse(row.Facility, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                    ? ($"tilbud {row.Facility} findes ikke.", $"facility {row.Facility} does not exist.")
                    : ($"tilbuddet '{row.Facility}' findes ikke.", $"facility '{row.Facility}' does not exist.");
                errors.Add(LineError(row.Line, "InvalidRow", da, en));
            }
            else if (resolved.FirstOrDefault(r => r.FacilityId == facilityId && r.Row.Date == row.Date) is { Row: { } earlier })
                errors.Add(LineError(row.Line, "InvalidRow", $"samme tilbud og dato som linje {earlier.Line}.",
                    $"the same facility and date as line {earlier.Line}."));
            else resolved.Add((row, facilityId.Value));
        }
        var facilityIds = resolved.Select(r => r.FacilityId).Distinct().ToList();
        var dates = resolved.Select(r => r.Row.Date.ToDateOnly()).Distinct().ToList();
        var existing = (await db.Unscoped<CapacityReport>().Where(r => facilityIds.Contains(r.FacilityId)
            && dates.Contains(r.Date)).ToListAsync(ct))
            .ToDictionary(r => (r.FacilityId, r.Date.ToLocalDate()));
        int created = 0, updated = 0, unchanged = 0;
        var overwritten = new List<Overwrite>();
        var now = clock.GetCurrentInstant();
        foreach (var (row, facilityId) in resolved)
        {
            var facility = byId[facilityId];
            try
            {
                if (existing.TryGetValue((facilityId, row.Date), out var report))
                {
                    if (report.BedsInService == row.InService && report.BedsOccupied == row.Occupied
                        && report.BedsOutOfService == row.OutOfService)
                    {
                        unchanged++;
                        continue;
                    }
                    overwritten.Add(new Overwrite(row.Line, facilityId, facility.Name, report.Date, report.BedsInService,
                        report.BedsOccupied, report.BedsOutOfService, report.ReportedBy, report.ReportedAt, row.InService, row.Occupied,
                        row.OutOfService));
                    report.Update(row.InService, row.Occupied, row.OutOfService, BedsOn(facilityId, facility.Beds, row.Date), now,
                        reportedBy);
                    updated++;
                }
                else
                {
                    db.CapacityReports.Add(new CapacityReport(facilityId, row.Date, row.InService, row.Occupied, row.OutOfService,
                        BedsOn(facilityId, facility.Beds, row.Date), now, reportedBy));
                    created++;
                }
            }
            catch (DomainRuleException e)
            {
                errors.Add(LineError(row.Line, e.Code, e.MessageDa, e.MessageEn));
            }
        }
        if (errors.Count > 0)
            // The first errors by line, and their count: a large file of bad rows must not give a larger answer (issue 23).
            return new Refusal(RefusalKind.RuleBroken, "ImportRefused", errors.Count > MaxErrorsShown
                    ? $"Intet er indlæst: {errors.Count} fejl i filen; de første {MaxErrorsShown} er vist."
                    : $"Intet er indlæst: {errors.Count} fejl i filen.",
                errors.Count > MaxErrorsShown
                    ? $"Nothing was imported: {errors.Count} errors in the file; the first {MaxErrorsShown} are shown."
                    : $"Nothing was imported: {errors.Count} error(s) in the file.")
            {
                Details = errors.OrderBy(e => int.Parse(e.Target!["line ".Length..], CultureInfo.InvariantCulture)).Take(MaxErrorsShown)
                    .ToList(),
            };
        if (apply)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        else db.ChangeTracker.Clear(); // the preview: the transaction is rolled back as it is disposed
        return new Result(rows.Count, created, updated, unchanged, apply, overwritten.OrderBy(o => o.Line).ToList());
    }

    private static Refusal LineError(int line, string code, string da, string en) =>
        Refusal.Invalid(code, $"Linje {line}: {da}", $"Line {line}: {en}", $"line {line}");
}
