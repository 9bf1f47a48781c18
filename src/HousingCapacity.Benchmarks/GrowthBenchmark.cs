using System.Diagnostics;
using System.Globalization;
using System.Text;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using HousingCapacity.Seed;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project src/HousingCapacity.Benchmarks -- growth [--months 6,24,120] [--municipalities 98]
/// [--runs 20] [--postgresql "Host=…;Username=…"]</c> (issue 30.2): the same operations on histories of several lengths, in one
/// run, each data set in a host of its own, the sets taken in turn for every measurement (so that the machine's drift falls on
/// all alike). Prints each operation's median time per history, its ratio to the shortest history, and the goal: what concerns
/// tonight at most 1.5 times, the month's report and the long stays at most 2 times. The data sets are built once (SQLite: a file
/// in the temp folder; PostgreSQL: a database of that name) and reused. Exit 1 when a goal is missed.
/// </summary>
public static class GrowthBenchmark
{
    private static readonly LocalDate Today = new(2026, 11, 22);

    /// <summary>An operation; what it runs returns its own time when only part of it is measured (an allocation, not its
    /// undoing).</summary>
    private sealed record Operation(string Name, double? Goal, Func<DataSet, Task<TimeSpan?>> Run);

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var months = Arg("--months", "6,24,120").Split(',').Select(m => int.Parse(m, CultureInfo.InvariantCulture)).Order().ToList();
        var municipalities = int.Parse(Arg("--municipalities", "98"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Arg("--runs", "20"), CultureInfo.InvariantCulture);
        var postgreSql = args.SkipWhile(a => a != "--postgresql").Skip(1).FirstOrDefault();
        var provider = postgreSql is null ? "SQLite" : "PostgreSQL";

        var sets = new List<DataSet>();
        try
        {
            foreach (var length in months) sets.Add(await DataSet.OpenAsync(length, municipalities, postgreSql));
            Operation[] operations =
            [
                new("tonight's board of a §110 shelter", 1.5, s => s.PageAsync(s.Staff, "/personale")),
                new("a person's page (counting year)", 1.5, s => s.PageAsync(s.Officer, $"/sagsbehandler/person/{s.PersonId}")),
                new("an allocation", 1.5, s => s.AllocateAsync()),
                new("Availability tonight", 1.5, s => s.GetAsync(s.Api, "/odata/Facilities/HousingCapacity.Availability()")),
                new("LongStays of a municipality", 2, s => s.GetAsync(s.Api,
                    "/odata/Placements/HousingCapacity.LongStays(date=2026-11-22,warnings=true)")),
                new("the month's report, computed", 2, s => s.ReportAsync()),
                new("the DST file of a quarter", null, s => s.GetAsync(s.Api, "/reports/dst/175/2026-Q3.csv")),
                new("a person's access log", null, s => s.GetAsync(s.Api,
                    $"/odata/Persons({s.PersonId})/HousingCapacity.AccessLog()")),
                new("README's placements query", null, s => s.GetAsync(s.Api, "/odata/Placements?$filter=StartDate ge 2026-09-01 " +
                    "and Facility/Kind eq 'Section110Shelter'&$orderby=StartDate desc&$top=20&$count=true" +
                    "&$expand=Unit($select=Label),Facility($select=Name)")),
            ];
            Console.WriteLine($"Growth on {provider}: {municipalities} municipalities, {string.Join(", ", months)} months of history, " +
                              $"{runs} runs of each operation (after 3 to warm up), the histories in turn");
            foreach (var set in sets) Console.WriteLine($"  {set.Describe()}");
            var times = sets.ToDictionary(s => s, _ => operations.ToDictionary(o => o, _ => new List<double>()));
            for (var run = -3; run < runs; run++)
                foreach (var operation in operations)
                    for (var k = 0; k < sets.Count; k++)
                    {
                        var set = sets[(k + Math.Max(run, 0)) % sets.Count]; // who goes first turns with each run
                        var watch = Stopwatch.StartNew();
                        var measured = await operation.Run(set) ?? watch.Elapsed;
                        if (run >= 0) times[set][operation].Add(measured.TotalMilliseconds);
                    }

            var header = new StringBuilder($"{"median ms (ratio to " + months[0] + " months)",-40}");
            foreach (var length in months) header.Append(CultureInfo.InvariantCulture, $"{length + " mo",16}");
            Console.WriteLine();
            Console.WriteLine(header.Append($"{"goal",7}{"met",6}"));
            var allMet = true;
            foreach (var operation in operations)
            {
                var line = new StringBuilder($"{operation.Name,-40}");
                var baseline = Median(times[sets[0]][operation]);
                var worst = 0.0;
                foreach (var set in sets)
                {
                    var median = Median(times[set][operation]);
                    var ratio = median / baseline;
                    worst = Math.Max(worst, ratio);
                    line.Append(CultureInfo.InvariantCulture, $"{$"{median:F1} ({ratio:F2})",16}");
                }
                var met = operation.Goal is not { } goal || worst <= goal;
                allMet &= met;
                Console.WriteLine(line.Append(CultureInfo.InvariantCulture,
                    $"{(operation.Goal is { } g ? g.ToString("0.0#", CultureInfo.InvariantCulture) : "-"),7}{(met ? "yes" : "NO"),6}"));
            }
            Console.WriteLine();
            foreach (var set in sets)
            {
                var bytes = await set.DatabaseBytesAsync();
                Console.WriteLine($"{set.Months,4} months: database {bytes / 1048576.0,8:F0} MB, " +
                                  $"{bytes / 1048576.0 / (set.Months / 12.0),6:F0} MB a year of history");
            }
            return allMet ? 0 : 1;
        }
        finally
        {
            foreach (var set in sets) await set.DisposeAsync();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>One history: its database, a host over it, and the clients and records the operations use.</summary>
    private sealed class DataSet : IAsyncDisposable
    {
        private BenchmarkHost _host = null!;
        private int _facilityId, _allocationPersonId, _allocationFacilityId;
        private string _counts = "";
        public int Months { get; private init; }
        public int PersonId { get; private set; }
        public HttpClient Api { get; private set; } = null!;
        public HttpClient Committee { get; private set; } = null!;
        public HttpClient Staff { get; private set; } = null!;
        public HttpClient Officer { get; private set; } = null!;
        private string? _file;
        private string _connectionString = "";

        public static async Task<DataSet> OpenAsync(int months, int municipalities, string? postgreSqlAdmin)
        {
            var set = new DataSet { Months = months };
            var name = $"housingcapacity_growth_{municipalities}_{months}";
            if (postgreSqlAdmin is null)
            {
                set._file = Path.Combine(Path.GetTempPath(), name + ".db");
                set._connectionString = $"Data Source={set._file}";
                set._host = new BenchmarkHost(set._file);
            }
            else
            {
                await using (var admin = new Npgsql.NpgsqlConnection(postgreSqlAdmin))
                {
                    await admin.OpenAsync();
                    await using var exists = new Npgsql.NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", admin);
                    if (await exists.ExecuteScalarAsync() is null)
                    {
                        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                        await create.ExecuteNonQueryAsync();
                    }
                }
                set._connectionString = new Npgsql.NpgsqlConnectionStringBuilder(postgreSqlAdmin) { Database = name }.ConnectionString;
                set._host = new BenchmarkHost(DatabaseOptions.PostgreSql, set._connectionString);
            }
            await set.PrepareAsync(municipalities);
            return set;
        }

        private async Task PrepareAsync(int municipalities)
        {
            await using (var scope = _host.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<CallerScope>().Current = Caller.System("benchmark-growth", auditWrites: false);
                var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
                await DatabaseSetup.MigrateAsync(db);
                if (!await db.Municipalities.AnyAsync())
                {
                    Console.WriteLine($"Seeding {municipalities} municipalities with {Months} months of history ...");
                    var watch = Stopwatch.StartNew();
                    await DatabaseSetup.SeedAsync(db, new DemoDataOptions
                        { Today = Today, Municipalities = municipalities, Months = Months });
                    Console.WriteLine($"  done in {watch.Elapsed.TotalSeconds:F0} s");
                }
                await AccessLogHistory.WriteOnceAsync(db, Today);
                // PostgreSQL plans by statistics that autovacuum gathers in a database in use, and vacuums the rows of a bulk load,
                // each in its own time: done here before measuring, so that every run measures a database in use and autovacuum
                // does not compete for the cores mid-run (a run just after the access log was written missed the report's goal;
                // the next four met it). SQLite plans without statistics.
                if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)");
                var rodovre = await db.Municipalities.Where(m => m.Code == 175).Select(m => m.Id).SingleAsync();
                var shelters = await db.Facilities.Where(f => f.MunicipalityId == rodovre && f.LegalBasis == LegalBasis.Section110)
                    .OrderBy(f => f.Id).Select(f => f.Id).ToListAsync();
                _facilityId = shelters[0];
                // The person with the longest chain of §110 stays in the municipality: the counting year reads it all.
                PersonId = await db.Placements.Where(p => p.LegalBasis == LegalBasis.Section110 && p.Person!.MunicipalityId == rodovre)
                    .GroupBy(p => p.PersonId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
                _counts = $"{await db.Persons.CountAsync()} persons, {await db.Placements.CountAsync()} stays, " +
                          $"{await db.CapacityReports.CountAsync()} capacity reports";
                // Someone of the municipality without a stay tonight, over 25, with a CPR number: the allocation's person.
                var tonight = Today.ToDateOnly();
                var candidates = await db.Persons.Where(p => p.MunicipalityId == rodovre && p.Cpr != null
                        && p.BirthDate < tonight.AddYears(-26)
                        && !p.Placements.Any(s => s.StartDate <= tonight && (s.EndDate == null || s.EndDate > tonight)))
                    .OrderBy(p => p.Id).Select(p => p.Id).Take(20).ToListAsync();
                Api = Client(_host.Token(Role.HousingOfficer));
                Committee = Client(_host.Token(Role.Committee));
                // A §110 place first; when every one is full tonight (a longer history has more people), any place of the
                // municipality with a free bed.
                var places = shelters.Concat(await db.Facilities.Where(f => f.MunicipalityId == rodovre && !shelters.Contains(f.Id))
                    .OrderBy(f => f.Id).Select(f => f.Id).ToListAsync()).ToList();
                foreach (var person in candidates)
                    foreach (var facility in places)
                        if (await TryAllocateAsync(person, facility) is { } stay)
                        {
                            await CancelAsync(stay);
                            (_allocationPersonId, _allocationFacilityId) = (person, facility);
                            goto found;
                        }
                throw new InvalidOperationException($"{Months} months: no allocation could be made at Rødovre's places " +
                                                    $"({candidates.Count} persons tried; the last refusal: {_lastRefusal}).");
                found:;
            }
            Staff = await PagesAsync("ShelterStaff", _facilityId.ToString(CultureInfo.InvariantCulture));
            Officer = await PagesAsync("HousingOfficer", "");
        }

        public string Describe() => $"{Months,4} months: {_counts}";

        private HttpClient Client(string token)
        {
            var client = _host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        private async Task<HttpClient> PagesAsync(string role, string facility)
        {
            var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            await PageTimings.SignInAsync(client, role, facility);
            return client;
        }

        /// <summary>A read, its whole answer taken in; a failure stops the benchmark.</summary>
        public async Task<TimeSpan?> GetAsync(HttpClient client, string url)
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{Months} months, {url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
            return null;
        }

        public Task<TimeSpan?> PageAsync(HttpClient client, string page) => GetAsync(client, page);

        /// <summary>The month's figures computed anew (the cache emptied first, as a save in the month would), as JSON.</summary>
        public Task<TimeSpan?> ReportAsync()
        {
            _host.Services.GetRequiredService<HousingDatabase>().Reports.Invalidate(MonthlyFiguresCache.Invalidation.All);
            return GetAsync(Committee, "/reports/monthly/175/2026-10.json");
        }

        /// <summary>An allocation from tonight (at a §110 place when one has a free bed), timed alone; the stay is then cancelled,
        /// so that the next run finds the same free bed and person.</summary>
        public async Task<TimeSpan?> AllocateAsync()
        {
            var watch = Stopwatch.StartNew();
            var stay = await TryAllocateAsync(_allocationPersonId, _allocationFacilityId)
                ?? throw new InvalidOperationException($"{Months} months: the allocation was refused.");
            var took = watch.Elapsed;
            await CancelAsync(stay);
            return took;
        }

        private string _lastRefusal = "";

        private async Task<int?> TryAllocateAsync(int person, int facility)
        {
            using var response = await Api.PostAsync("/odata/Placements", new StringContent(
                $$"""{"PersonId":{{person}},"FacilityId":{{facility}}}""", Encoding.UTF8, "application/json"));
            if (!response.IsSuccessStatusCode)
            {
                _lastRefusal = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                return null;
            }
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("Id").GetInt32();
        }

        private async Task CancelAsync(int stay)
        {
            using var response = await Api.PostAsync($"/odata/Placements({stay})/HousingCapacity.Cancel", new StringContent(
                """{"reason":"Målt af ydelsestesten og annulleret igen."}""", Encoding.UTF8, "application/json"));
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException(
                    $"{Months} months: the stay {stay} could not be cancelled ({(int)response.StatusCode}).");
        }

        public async Task<long> DatabaseBytesAsync()
        {
            if (_file is not null)
                return new[] { _file, _file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
            await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var size = new Npgsql.NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return (long)(await size.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in new[] { Api, Committee, Staff, Officer }) client?.Dispose();
            await _host.DisposeAsync();
        }
    }
}
