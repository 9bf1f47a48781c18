using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HousingCapacity.Api.Security;
using Microsoft.IdentityModel.Tokens;

namespace HousingCapacity.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project src/HousingCapacity.Benchmarks -- load [--writers 50] [--readers 200] [--seconds 60]
/// [--server-max-threads N] [--hold-lock-at S --hold-lock-for S]</c>:
/// starts the API as its own process on a free loopback port (a fresh SQLite file with the demo data), then runs writers
/// (shelter staff reporting tonight's count, officers holding and releasing beds and allocating one-night stays) and readers (a person,
/// README's placements
/// query, a facility) against it for a bounded time, and prints throughput, latency, every status, the server's thread count
/// and the longest stall: the longest time in which no request completed. With --hold-lock-at it holds SQLite's write lock
/// from a connection of its own for a while, as a backup or an operator's sqlite3 would. Loopback only; it stops by itself.
/// </summary>
public static class LoadTest
{
    private sealed record Sample(double StartSeconds, double Milliseconds, int Status, string Kind);

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var writers = Math.Clamp(int.Parse(Arg("--writers", "50"), System.Globalization.CultureInfo.InvariantCulture), 0, 500);
        var readers = Math.Clamp(int.Parse(Arg("--readers", "200"), System.Globalization.CultureInfo.InvariantCulture), 0, 1000);
        var seconds = Math.Clamp(int.Parse(Arg("--seconds", "60"), System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        // A small thread pool for the server (as a young process has, before the pool has grown) shows starvation at once.
        var serverMaxThreads = Arg("--server-max-threads", "");
        // Another process holding SQLite's write lock for a while (a backup, an operator's sqlite3, a long checkpoint).
        var holdAt = double.Parse(Arg("--hold-lock-at", "-1"), System.Globalization.CultureInfo.InvariantCulture);
        var holdFor = Math.Clamp(double.Parse(Arg("--hold-lock-for", "8"), System.Globalization.CultureInfo.InvariantCulture), 0, 60);
        var extra = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray(); // passed on to the server

        var port = FreeLoopbackPort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var db = Path.Combine(Path.GetTempPath(), $"housingcapacity-load-{Guid.NewGuid():N}.db");
        using var server = StartServer(port, db, extra, serverMaxThreads);
        try
        {
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = writers + readers + 4,
                PooledConnectionLifetime = TimeSpan.FromMinutes(10)
            };
            using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };
            await WaitForHealthAsync(http, server);
            var officer = Token(Role.HousingOfficer, []);
            var facilities = await IdsAsync(http, officer, "/odata/Facilities?$filter=MunicipalityId eq 1 and IsActive&$select=Id");
            var persons = await IdsAsync(http, officer, "/odata/Persons?$filter=MunicipalityId eq 1&$select=Id&$top=500");
            var staff = facilities.Select(f => (Facility: f, Token: Token(Role.ShelterStaff, [f]))).ToArray();
            Console.WriteLine($"Server pid {server.Id} on {baseUrl}, {facilities.Count} facilities and {persons.Count} persons of " +
                              "Rødovre; " +
                              $"{writers} writers and {readers} readers for {seconds} s" +
                              (serverMaxThreads.Length > 0 ? $"; server thread pool at most {serverMaxThreads} workers" : ""));

            var samples = new System.Collections.Concurrent.ConcurrentBag<Sample>();
            var clock = Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(seconds);
            var threads = new List<int>();
            using var stop = new CancellationTokenSource(end + TimeSpan.FromSeconds(30));

            async Task Timed(string kind, Func<Task<HttpResponseMessage>> send)
            {
                var start = clock.Elapsed;
                int status;
                try
                {
                    using var response = await send();
                    await response.Content.ReadAsByteArrayAsync(stop.Token);
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    status = -1; // connection reset, refused, or no answer within the client's timeout
                }
                samples.Add(new Sample(start.TotalSeconds, (clock.Elapsed - start).TotalMilliseconds, status, kind));
            }

            HttpRequestMessage Request(HttpMethod method, string url, string token, string? json = null)
            {
                var request = new HttpRequestMessage(method, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                return request;
            }

            var tasks = new List<Task>();
            for (var w = 0; w < writers; w++)
            {
                var random = new Random(1000 + w);
                tasks.Add(Task.Run(async () =>
                {
                    while (clock.Elapsed < end)
                    {
                        var choice = random.Next(3);
                        if (choice == 0)
                        {
                            // A one-night stay on a random night of 2027 for a random person: the allocation's whole rule run
                            // under the write lock; a person already placed that night is a 409.
                            var night = new DateOnly(2027, 1, 1).AddDays(random.Next(365));
                            await Timed("write: allocate", () => http.SendAsync(Request(HttpMethod.Post, "/odata/Placements", officer,
                                $$"""
                                {"PersonId":{{persons[random.Next(persons.Count)]}},
                                 "FacilityId":{{facilities[random.Next(facilities.Count)]}},
                                 "StartDate":"{{night:yyyy-MM-dd}}","EndDate":"{{night.AddDays(1):yyyy-MM-dd}}","SupportMethod":"ICM",
                                 "ExceptionJustification":"Belastningstest: ingen anden plads i nat."}
                                """)));
                        }
                        else if (choice == 1)
                        {
                            var (facility, token) = staff[random.Next(staff.Length)];
                            await Timed("write: capacity report", () => http.SendAsync(Request(HttpMethod.Post, "/odata/CapacityReports",
                                token,
                                $$"""{"FacilityId":{{facility}},"BedsOccupied":0}""")));
                        }
                        else
                        {
                            var facility = facilities[random.Next(facilities.Count)];
                            string? location = null;
                            await Timed("write: hold a bed", async () =>
                            {
                                var response = await http.SendAsync(Request(HttpMethod.Post, "/odata/BedHolds", officer,
                                    $$"""{"FacilityId":{{facility}}}"""));
                                location = response.Headers.Location?.ToString();
                                return response;
                            });
                            if (location is not null)
                                await Timed("write: release the bed", () => http.SendAsync(Request(HttpMethod.Delete, location, officer)));
                        }
                    }
                }));
            }
            for (var r = 0; r < readers; r++)
            {
                var random = new Random(5000 + r);
                tasks.Add(Task.Run(async () =>
                {
                    while (clock.Elapsed < end)
                    {
                        switch (random.Next(3))
                        {
                            case 0:
                                await Timed("read: a person", () => http.SendAsync(Request(HttpMethod.Get,
                                    $"/odata/Persons({persons[random.Next(persons.Count)]})", officer)));
                                break;
                            case 1:
                                await Timed("read: placements query", () => http.SendAsync(Request(HttpMethod.Get,
                                    "/odata/Placements?$filter=StartDate ge 2026-09-01 and Facility/Kind eq " +
                                        "'Section110Shelter'&$orderby=StartDate " +
                                        "desc&$top=20&$count=true&$expand=Unit($select=Label),Facility($select=Name)", officer)));
                                break;
                            default:
                                await Timed("read: a facility", () => http.SendAsync(Request(HttpMethod.Get,
                                    $"/odata/Facilities({facilities[random.Next(facilities.Count)]})", officer)));
                                break;
                        }
                    }
                }));
            }
            // A probe apart from the closed-loop users (who all end up waiting where the load is): one facility read every
            // 100 ms, to see whether the server still answers what needs no write lock.
            var probe = Task.Run(async () =>
            {
                while (clock.Elapsed < end)
                {
                    var next = clock.Elapsed + TimeSpan.FromMilliseconds(100);
                    await Timed("probe: a facility /100ms", () => http.SendAsync(Request(HttpMethod.Get,
                        $"/odata/Facilities({facilities[0]})", officer)));
                    if (next > clock.Elapsed) await Task.Delay(next - clock.Elapsed);
                }
            });
            tasks.Add(probe);
            var sampler = Task.Run(async () =>
            {
                while (clock.Elapsed < end)
                {
                    threads.Add(ThreadsOf(server.Id));
                    await Task.Delay(500);
                }
            });
            var holder = holdAt < 0 ? Task.CompletedTask : Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(holdAt));
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}");
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync(); // BEGIN IMMEDIATE: the write lock
                Console.WriteLine($"holding the write lock from {clock.Elapsed.TotalSeconds:F1} s for {holdFor:F0} s");
                await Task.Delay(TimeSpan.FromSeconds(holdFor));
                await transaction.RollbackAsync();
            });
            await Task.WhenAll(tasks.Append(sampler).Append(holder));
            Report(samples.ToList(), clock.Elapsed.TotalSeconds, threads);
            return 0;
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(db + suffix)) File.Delete(db + suffix);
        }
    }

    private static void Report(List<Sample> samples, double elapsed, List<int> threads)
    {
        static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1,
            (int)(p * sorted.Count))];
        Console.WriteLine($"{samples.Count} requests in {elapsed:F1} s: {samples.Count / elapsed:F0}/s; statuses " +
                          string.Join(", ", samples.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g =>
                              $"{(g.Key < 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: " +
                              $"{g.Count()}")));
        Console.WriteLine($"{"",-26}{"count",8}{"p50 ms",10}{"p99 ms",10}{"max ms",10}");
        foreach (var kind in samples.GroupBy(s => s.Kind).OrderBy(g => g.Key))
        {
            var ms = kind.Select(s => s.Milliseconds).Order().ToList();
            Console.WriteLine($"{kind.Key,-26}{ms.Count,8}{Percentile(ms, 0.5),10:F1}{Percentile(ms, 0.99),10:F1}{ms[^1],10:F0}");
        }
        // The longest time in which no request completed, from the first completion to the last.
        var completions = samples.Select(s => s.StartSeconds + s.Milliseconds / 1000).Order().ToList();
        var (stall, at) = (0.0, 0.0);
        for (var i = 1; i < completions.Count; i++)
            if (completions[i] - completions[i - 1] > stall) (stall, at) = (completions[i] - completions[i - 1], completions[i - 1]);
        var failures = samples.Count(s => s.Status is >= 500 or 408 or < 0);
        Console.WriteLine($"longest stall (no request completed): {stall * 1000:F0} ms at {at:F1} s; 5xx, 408 or no answer: {failures}; " +
                          $"server threads: {(threads.Count == 0 ? 0 : threads.Min())}–{(threads.Count == 0 ? 0 : threads.Max())}");
    }

    internal static Process StartServer(int port, string db, string[] extra, string maxThreads)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HousingCapacity.Api.dll"));
        foreach (var arg in new[] { $"--Urls=http://127.0.0.1:{port}", $"--Database:ConnectionString=Data Source={db}",
            "--Database:SeedDemoData=true",
                     "--RateLimits:WritesPerMinute=100000000", "--RateLimits:HeavyQueriesPerMinute=100000000",
                         "--Logging:LogLevel:Default=Warning" }.Concat(extra))
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        if (maxThreads.Length > 0) start.Environment["DOTNET_ThreadPool_ForceMaxWorkerThreads"] = maxThreads;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitForHealthAsync(HttpClient http, Process server)
    {
        for (var i = 0; i < 240; i++)
        {
            if (server.HasExited) throw new InvalidOperationException($"The server exited with code {server.ExitCode}.");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The server did not answer /health within 2 minutes.");
    }

    internal static async Task<List<int>> IdsAsync(HttpClient http, string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("Id").GetInt32()).ToList();
    }

    internal static string Token(Role role, int[] facilities) =>
        Authentication.IssueToken(new AuthenticationOptions(),
            new SymmetricSecurityKey(Convert.FromBase64String(Authentication.DevelopmentSigningKey)),
            $"load-{role}-{string.Join("-", facilities)}", role, 175, facilities, DateTime.UtcNow, TimeSpan.FromHours(2));

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server's OS threads (Linux /proc): thread-pool starvation shows as a climbing count.</summary>
    private static int ThreadsOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
            return line is null ? 0 : int.Parse(line["Threads:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
