using System.Diagnostics;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.Security;
using HousingCapacity.Benchmarks;
using HousingCapacity.Domain;
using HousingCapacity.Seed;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

#pragma warning disable ASP0000 // a plain service provider is what a benchmark wants
// dotnet run -c Release --project src/HousingCapacity.Benchmarks [-- --db PATH] [--runs N]
// Builds (or reuses) the large data set: all 98 municipalities. Then times three requests through the API in process
// (Microsoft.AspNetCore.OData: routing, query binding, EF Core, serializer) against the same queries written by hand in
// EF Core LINQ and serialised with System.Text.Json behind the same authentication and scope, alternating the two in one
// run: a filtered, ordered, paged query, a facility by key and Units?$top=20. Both run as a housing officer of Rødovre
// and write the same access log lines.
if (args.Length > 0 && args[0] == "pages")
{
    Environment.ExitCode = await PageTimings.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "allocations")
{
    Environment.ExitCode = await AllocationRaces.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "log-size")
{
    Environment.ExitCode = await LogSize.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "growth")
{
    Environment.ExitCode = await GrowthBenchmark.RunAsync(args[1..]);
    return;
}
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
    .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 11, 22, 19, 0)))
    .AddScoped<CallerScope>()
    .AddScoped<PersonsInResponse>()
    .AddSingleton(new HousingDatabase(new DatabaseOptions { ConnectionString = $"Data Source={dbPath}" }, CprProtection.Development))
    .AddDbContext<HousingDbContext>(o => o.UseSqlite($"Data Source={dbPath}"))
    .BuildServiceProvider();

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
        await DatabaseSetup.SeedAsync(db, new DemoDataOptions
        {
            Today = today,
            Municipalities = 98,
            LargeMunicipalityCodes = new HashSet<int> { 175 }
        });
        Console.WriteLine($"  done in {started.Elapsed.TotalSeconds:F0} s");
    }
    Console.WriteLine($"Data: {await db.Facilities.CountAsync()} facilities, {await db.Persons.CountAsync()} persons, " +
                      $"{await db.Placements.CountAsync()} placements, {await db.CapacityReports.CountAsync()} capacity reports");
}

// The API itself in process (the test server: no sockets), with the hand-written baselines beside it on /baseline. Both go
// through the same pipeline: authentication, the caller's scope filters, the access log.
await using var api = new BenchmarkHost(dbPath);
using var client = api.CreateClient();
client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", api.OfficerToken());

async Task<long> Get(string url)
{
    using var response = await client.GetAsync(url);
    var bytes = await response.Content.ReadAsByteArrayAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} " +
        $"{System.Text.Encoding.UTF8.GetString(bytes)}");
    return bytes.LongLength;
}

var cases = new (string Name, string OData, string Baseline)[]
{
    ("filtered, ordered, paged",
        "/odata/Placements?$filter=StartDate ge 2026-06-01 and Facility/Kind eq 'Section110Shelter' and SupportMethod eq 'None'"
                                 + "&$orderby=StartDate desc&$skip=100&$top=50", "/reports/benchmark-baseline/placements"),
    ("a facility by key", "/odata/Facilities(1)", "/reports/benchmark-baseline/facility"),
    ("Units?$top=20", "/odata/Units?$top=20", "/reports/benchmark-baseline/units"),
};
// warm-up: JIT, EF query cache, SQLite pages
foreach (var c in cases) { for (var i = 0; i < 20; i++) { await Get(c.OData); await Get(c.Baseline); } }
double Median(List<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }
double P90(List<double> xs) { var s = xs.Order().ToList(); return s[(int)(s.Count * 0.9)]; }
Console.WriteLine($"{"",-56}{"median ms",12}{"p90 ms",10}{"bytes",8}{"ratio",8}");
foreach (var (name, odataUrl, baselineUrl) in cases)
{
    var odata = new List<double>();
    var baseline = new List<double>();
    long odataBytes = 0, baselineBytes = 0;
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        baselineBytes = await Get(baselineUrl);
        baseline.Add(sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        odataBytes = await Get(odataUrl);
        odata.Add(sw.Elapsed.TotalMilliseconds);
    }
    var ratio = Median(odata) / Median(baseline);
    Console.WriteLine($"{name + ": hand-written EF Core + JSON",-56}{Median(baseline),12:F2}{P90(baseline),10:F2}{baselineBytes,8}");
    Console.WriteLine($"{name + ": Microsoft.AspNetCore.OData",-56}{Median(odata),12:F2}{P90(odata),10:F2}{odataBytes,8}{ratio,8:F2}");
}
Console.WriteLine("goal: the filtered, ordered, paged query at most 1.25 times the hand-written one (median)");
Console.WriteLine();

// The monthly report for the largest municipality: figures, then the PDF drawn from them.
{
    var clock = services.GetRequiredService<IClock>();
    var policy = Microsoft.Extensions.Options.Options.Create(new PlacementPolicy());
    async Task<HousingCapacity.Api.Reporting.MonthlyFigures> Figures()
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerScope>().Current = Caller.System("benchmark-report");
        var builder = new HousingCapacity.Api.Reporting.MonthlyReportBuilder(scope.ServiceProvider.GetRequiredService<HousingDbContext>(),
            clock, policy);
        return (await builder.BuildAsync(175, new YearMonth(2026, 10), default))!;
    }
    var sample = await Figures();
    Console.WriteLine();
    Console.WriteLine($"Monthly report, {sample.MunicipalityName} {sample.Month}: {sample.Facilities.Count} facilities, " +
        $"{sample.Total.OccupiedBedNights} occupied bed-nights");
    for (var i = 0; i < 3; i++) HousingCapacity.Api.Reporting.Pdf.MonthlyReportPdf.Render(await Figures()); // warm-up
    var figureTimes = new List<double>();
    var cachedTimes = new List<double>();
    var pdfTimes = new List<double>();
    var pages = 0L;
    var cache = services.GetRequiredService<HousingDatabase>().Reports;
    for (var i = 0; i < Math.Max(5, runs / 20); i++)
    {
        // Computed: the cache emptied first, as a save in the month would; then the same month again, from the cache.
        cache.Invalidate(HousingCapacity.Api.Reporting.MonthlyFiguresCache.Invalidation.All);
        var sw = Stopwatch.StartNew();
        var figures = await Figures();
        figureTimes.Add(sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        if (!ReferenceEquals(figures, await Figures())) throw new InvalidOperationException("The closed month was not cached.");
        cachedTimes.Add(sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        pages = HousingCapacity.Api.Reporting.Pdf.MonthlyReportPdf.Render(figures).LongLength;
        pdfTimes.Add(sw.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"{"",-28}{"median ms",12}{"p90 ms",10}{"goal ms",10}");
    Console.WriteLine($"{"figures, computed",-28}{Median(figureTimes),12:F1}{P90(figureTimes),10:F1}{500,10}");
    Console.WriteLine($"{"figures, cached",-28}{Median(cachedTimes),12:F2}{P90(cachedTimes),10:F2}{"",10}");
    Console.WriteLine($"{"PDF (from the figures)",-28}{Median(pdfTimes),12:F1}{P90(pdfTimes),10:F1}{1000,10}");
    Console.WriteLine($"PDF size: {pages / 1024} KiB; figures/goal {Median(figureTimes) / 500:F2}, PDF/goal {Median(pdfTimes) / 1000:F2}");
}

