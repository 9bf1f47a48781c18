using System.Diagnostics;
using System.Text.Json;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using HousingCapacity.Seed;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

#pragma warning disable ASP0000 // a plain service provider is what a benchmark wants
// dotnet run -c Release --project src/HousingCapacity.Benchmarks [-- --db PATH] [--runs N]
// Builds (or reuses) the large data set: all 98 municipalities. Then times one filtered, ordered, paged query
// through the OData layer (URI parsing, binding, EF Core, ODataMessageWriter) against the same query written by
// hand in EF Core LINQ and serialised with System.Text.Json, alternating the two in one run. Both run as a housing
// officer of Rødovre and write the same access log lines.
if (args.Length > 0 && args[0] == "load")
{
    Environment.ExitCode = await HousingCapacity.Benchmarks.LoadTest.RunAsync(args[1..]);
    return;
}

string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var dbPath = Arg("--db", Path.Combine(Path.GetTempPath(), "housingcapacity-large-v2.db"));
var runs = int.Parse(Arg("--runs", "200"), System.Globalization.CultureInfo.InvariantCulture);
var today = new LocalDate(2026, 11, 22);

var services = new ServiceCollection()
    .AddLogging()
    .AddSingleton<IClock>(new FixedClock(Instant.FromUtc(2026, 11, 22, 19, 0)))
    .AddSingleton(ODataServiceModel.Create())
    .AddScoped<CallerScope>()
    .AddScoped<PersonsInResponse>()
    .AddDbContext<HousingDbContext>(o => o.UseSqlite($"Data Source={dbPath}"))
    .BuildServiceProvider();
Caller officer;

await using (var scope = services.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<CallerScope>().Current = Caller.System("benchmark-setup", auditWrites: false);
    var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
    await DatabaseSetup.MigrateAsync(db);
    if (!await db.Municipalities.AnyAsync())
    {
        Console.WriteLine($"Generating the large data set (98 municipalities) in {dbPath} ...");
        var started = Stopwatch.StartNew();
        // All 98 municipalities; Rødovre (175) made the largest, with 100 facilities, for the report benchmark.
        await DatabaseSetup.SeedAsync(db, new DemoDataOptions { Today = today, Municipalities = 98, LargeMunicipalityCodes = new HashSet<int> { 175 } });
        Console.WriteLine($"  done in {started.Elapsed.TotalSeconds:F0} s");
    }
    Console.WriteLine($"Data: {await db.Facilities.CountAsync()} facilities, {await db.Persons.CountAsync()} persons, " +
                      $"{await db.Placements.CountAsync()} placements, {await db.CapacityReports.CountAsync()} capacity reports");
    // Both queries run as a housing officer of Rødovre: the same query filters (scope) and the same access log lines.
    officer = Caller.Person("benchmark", Role.HousingOfficer, await db.Municipalities.Where(m => m.Code == 175).Select(m => m.Id).SingleAsync(), 175, []);
}

AsyncServiceScope OfficerScope()
{
    var scope = services.CreateAsyncScope();
    var callerScope = scope.ServiceProvider.GetRequiredService<CallerScope>();
    callerScope.Current = officer;
    callerScope.Request = "GET /odata/Placements";
    return scope;
}

const string query = "Placements?$filter=StartDate ge 2026-06-01 and Facility/Kind eq 'Section110Shelter' and SupportMethod eq 'None'&$orderby=StartDate desc&$skip=100&$top=50";
var from = new LocalDate(2026, 6, 1);
var options = new ODataOptions();

async Task<long> ODataLayer()
{
    await using var scope = OfficerScope();
    var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
    http.Request.Scheme = "http";
    http.Request.Host = new HostString("localhost");
    http.Request.Path = "/odata/" + query[..query.IndexOf('?')];
    http.Request.QueryString = new QueryString(query[query.IndexOf('?')..].Replace(" ", "%20").Replace("'", "%27"));
    var body = new MemoryStream();
    http.Response.Body = body;
    var request = ODataRequest.Parse(http, scope.ServiceProvider.GetRequiredService<HousingDbContext>(),
        scope.ServiceProvider.GetRequiredService<ODataServiceModel>(), options, scope.ServiceProvider.GetRequiredService<IClock>());
    await QueryHandler.GetAsync(request);
    return body.Length;
}

async Task<long> HandWritten()
{
    await using var scope = OfficerScope();
    var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
    var rows = await db.Placements.AsNoTracking()
        .Where(p => p.StartDate >= from && p.Facility!.Kind == FacilityKind.Section110Shelter && p.SupportMethod == SupportMethod.None)
        .OrderByDescending(p => p.StartDate).ThenBy(p => p.Id).Skip(100).Take(51).ToListAsync();
    var at = scope.ServiceProvider.GetRequiredService<IClock>().GetCurrentInstant();
    foreach (var personId in rows.Take(50).Select(p => p.PersonId).Distinct())
        db.AccessLog.Add(AccessLog.Entry(scope.ServiceProvider.GetRequiredService<CallerScope>(), at, "Read", personId));
    await db.SaveChangesAsync();
    var body = new MemoryStream();
    await JsonSerializer.SerializeAsync(body, new
    {
        value = rows.Take(50).Select(p => new
        {
            p.Id, p.PersonId, p.UnitId, p.FacilityId, StartDate = p.StartDate.ToString("yyyy-MM-dd", null), EndDate = p.EndDate?.ToString("yyyy-MM-dd", null),
            SupportMethod = p.SupportMethod.ToString(), p.ExceptionJustification, ReferralRoute = p.ReferralRoute?.ToString(),
            DischargeReason = p.DischargeReason?.ToString(), Destination = p.Destination?.ToString(),
            NotificationDueDate = p.NotificationDueDate?.ToString("yyyy-MM-dd", null), p.Version,
        }),
    });
    return body.Length;
}

Console.WriteLine($"Query: {query}");
for (var i = 0; i < 20; i++) { await ODataLayer(); await HandWritten(); } // warm-up: JIT, EF query cache, SQLite page cache
var odata = new List<double>();
var baseline = new List<double>();
long odataBytes = 0, baselineBytes = 0;
for (var i = 0; i < runs; i++)
{
    var sw = Stopwatch.StartNew();
    baselineBytes = await HandWritten();
    baseline.Add(sw.Elapsed.TotalMilliseconds);
    sw.Restart();
    odataBytes = await ODataLayer();
    odata.Add(sw.Elapsed.TotalMilliseconds);
}
double Median(List<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }
double P90(List<double> xs) { var s = xs.Order().ToList(); return s[(int)(s.Count * 0.9)]; }
Console.WriteLine($"{"",-28}{"median ms",12}{"p90 ms",10}{"bytes",8}");
Console.WriteLine($"{"hand-written EF Core + JSON",-28}{Median(baseline),12:F2}{P90(baseline),10:F2}{baselineBytes,8}");
Console.WriteLine($"{"OData layer",-28}{Median(odata),12:F2}{P90(odata),10:F2}{odataBytes,8}");
var ratio = Median(odata) / Median(baseline);
Console.WriteLine($"ratio (median): {ratio:F2} — goal: at most 1.25 ({(ratio <= 1.25 ? "met" : "NOT met")})");

// The monthly report for the largest municipality: figures, then the PDF drawn from them.
{
    var clock = services.GetRequiredService<IClock>();
    var policy = Microsoft.Extensions.Options.Options.Create(new PlacementPolicy());
    async Task<HousingCapacity.Api.Reporting.MonthlyFigures> Figures()
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerScope>().Current = Caller.System("benchmark-report");
        var builder = new HousingCapacity.Api.Reporting.MonthlyReportBuilder(scope.ServiceProvider.GetRequiredService<HousingDbContext>(), clock, policy);
        return (await builder.BuildAsync(175, new YearMonth(2026, 10), default))!;
    }
    var sample = await Figures();
    Console.WriteLine();
    Console.WriteLine($"Monthly report, {sample.MunicipalityName} {sample.Month}: {sample.Facilities.Count} facilities, {sample.Total.OccupiedBedNights} occupied bed-nights");
    for (var i = 0; i < 3; i++) HousingCapacity.Api.Reporting.Pdf.MonthlyReportPdf.Render(await Figures()); // warm-up
    var figureTimes = new List<double>();
    var pdfTimes = new List<double>();
    var pages = 0L;
    for (var i = 0; i < Math.Max(5, runs / 20); i++)
    {
        var sw = Stopwatch.StartNew();
        var figures = await Figures();
        figureTimes.Add(sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        pages = HousingCapacity.Api.Reporting.Pdf.MonthlyReportPdf.Render(figures).LongLength;
        pdfTimes.Add(sw.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"{"",-28}{"median ms",12}{"p90 ms",10}{"goal ms",10}");
    Console.WriteLine($"{"figures",-28}{Median(figureTimes),12:F1}{P90(figureTimes),10:F1}{500,10}");
    Console.WriteLine($"{"PDF (from the figures)",-28}{Median(pdfTimes),12:F1}{P90(pdfTimes),10:F1}{1000,10}");
    Console.WriteLine($"PDF size: {pages / 1024} KiB; figures/goal {Median(figureTimes) / 500:F2}, PDF/goal {Median(pdfTimes) / 1000:F2}");
}

sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
