using System.Diagnostics;
using System.Text.RegularExpressions;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.Security;
using HousingCapacity.Seed;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project src/HousingCapacity.Benchmarks -- pages [--runs N]</c>: each web page's server time and
/// size on the demo data (the data a fresh clone starts with), signed in as the page's role, in process (no network). Prints the
/// median, p95 and worst time per page against the goal of 200 ms, and the bytes of each page.
/// </summary>
public static partial class PageTimings
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() ?? "50",
            System.Globalization.CultureInfo.InvariantCulture);
        var dbPath = Path.Combine(Path.GetTempPath(), $"housingcapacity-pages-{Guid.NewGuid():N}.db");
        try
        {
            await SeedDemoDataAsync(dbPath);
            await using var host = new BenchmarkHost(dbPath);
            int personId, stayId;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<CallerScope>().Current = Caller.System("benchmark-pages", auditWrites: false);
                var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
                var today = new DateOnly(2026, 11, 22);
                stayId = await db.Placements.Where(p => p.FacilityId == 1 && (p.EndDate == null || p.EndDate > today)).Select(p => p.Id)
                    .FirstAsync();
                personId = await db.Persons.Where(p => p.MunicipalityId == 1 && p.Placements.Count() > 1).Select(p => p.Id).FirstAsync();
            }
            var roles = new (string Role, string Facility, string[] Pages)[]
            {
                ("ShelterStaff", "1", ["/personale", "/personale/tjek-ind", $"/personale/tjek-ud/{stayId}", "/personale/afvisning",
                    "/personale/enheder"]),
                ("HousingOfficer", "", ["/sagsbehandler", $"/sagsbehandler/person/{personId}",
                    $"/sagsbehandler/person/{personId}/find-plads",
                    $"/sagsbehandler/person/{personId}/adgangslog", "/sagsbehandler/underretninger", "/sagsbehandler/lange-ophold",
                    "/sagsbehandler/ventelister", "/sagsbehandler/unge-undtagelser"]),
                ("Committee", "", ["/udvalg", "/udvalg?maaned=2026-10"]),
                ("Administrator", "", ["/administration", "/administration/import"]),
            };
            Console.WriteLine($"Web pages on the demo data, in process, {runs} runs each (after 5 to warm up); goal: under 200 ms, under " +
                "200 KB");
            Console.WriteLine($"{"page",-44}{"median ms",11}{"p95 ms",9}{"max ms",9}{"KB",7}{"ok",5}");
            var allOk = true;
            foreach (var (role, facility, pages) in roles)
            {
                using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false,
                    HandleCookies = true });
                await SignInAsync(client, role, facility);
                foreach (var page in pages)
                {
                    var times = new List<double>();
                    long bytes = 0;
                    for (var i = 0; i < runs + 5; i++)
                    {
                        var sw = Stopwatch.StartNew();
                        using var response = await client.GetAsync(page);
                        var body = await response.Content.ReadAsByteArrayAsync();
                        sw.Stop();
                        if (!response.IsSuccessStatusCode)
                            throw new InvalidOperationException($"{role} {page}: {(int)response.StatusCode}");
                        bytes = body.LongLength;
                        if (i >= 5) times.Add(sw.Elapsed.TotalMilliseconds);
                    }
                    times.Sort();
                    var ok = times[times.Count / 2] < 200 && bytes < 200 * 1024;
                    allOk &= ok;
                    var label = role[..Math.Min(role.Length, 8)] + " " + page;
                    Console.WriteLine($"{label,-44}{times[times.Count / 2],11:F1}{times[(int)(times.Count * 0.95)],9:F1}" +
                                      $"{times[^1],9:F1}{bytes / 1024.0,7:F0}{(ok ? "yes" : "NO"),5}");
                }
            }
            return allOk ? 0 : 1;
        }
        finally
        {
            foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" }) File.Delete(file);
        }
    }

    private static async Task SeedDemoDataAsync(string dbPath)
    {
        var options = new DbContextOptionsBuilder<HousingDbContext>().UseSqlite($"Data Source={dbPath}").Options;
        await using var db = new HousingDbContext(options, CallerScope.ForSystem("benchmark-seed", auditWrites: false),
            new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 22, 19, 0)), HousingDatabase.Standalone(options));
        await DatabaseSetup.MigrateAsync(db);
        await DatabaseSetup.SeedAsync(db, new DemoDataOptions { Today = new LocalDate(2026, 11, 22) });
    }

    /// <summary>The development sign-in page, as a person uses it: the form, its antiforgery token, the session cookie.</summary>
    internal static async Task SignInAsync(HttpClient client, string role, string facility)
    {
        var form = await client.GetStringAsync("/logind");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var reply = await client.PostAsync("/logind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Role"] = role, ["MunicipalityCode"] = "175", ["FacilityId"] = facility,
        }));
        if ((int)reply.StatusCode != 302) throw new InvalidOperationException($"sign-in as {role}: {(int)reply.StatusCode}");
    }
}
