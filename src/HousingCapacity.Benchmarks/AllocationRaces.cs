using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HousingCapacity.Api.Security;

namespace HousingCapacity.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project src/HousingCapacity.Benchmarks -- allocations [--url http://127.0.0.1:PORT] [--rounds 25]</c>:
/// allocations through <c>POST /odata/Placements</c> as a housing officer of Rødovre, against a server in Development (its
/// tokens are minted with the development key) with the rate limits raised; without --url it starts one of its own on a
/// fresh demo database. It registers its own shelters and persons first (not timed), then prints, each as latencies:
/// one client filling a 100-bed shelter; 8 clients each filling its own 100-bed shelter at once; 32 clients racing for the
/// last bed of a one-bed shelter, round after round (exactly one may win each round); and allocations into a shelter that
/// already holds 1,000 current stays against allocations into the same shelter empty.
/// </summary>
public static class AllocationRaces
{
    private static readonly JsonSerializerOptions Json = new();

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var rounds = Math.Clamp(int.Parse(Arg("--rounds", "25"), System.Globalization.CultureInfo.InvariantCulture), 1, 200);
        var url = Arg("--url", "");
        Process? server = null;
        string? db = null;
        if (url.Length == 0)
        {
            var port = LoadTest.FreeLoopbackPort();
            url = $"http://127.0.0.1:{port}";
            db = Path.Combine(Path.GetTempPath(), $"housingcapacity-allocations-{Guid.NewGuid():N}.db");
            server = LoadTest.StartServer(port, db, [], "");
        }
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            if (server is not null) await LoadTest.WaitForHealthAsync(http, server);
            var run = new Run(http, LoadTest.Token(Role.HousingOfficer, []), LoadTest.Token(Role.Administrator, []));
            await run.PrepareAsync();
            await run.WarmUpAsync();
            Console.WriteLine($"Allocations against {url} (one officer of Rødovre; every request is POST /odata/Placements with a " +
                "FacilityId)");
            Console.WriteLine($"{"",-58}{"count",7}{"p50 ms",9}{"p99 ms",9}{"max ms",9}  result");
            await run.FillAsync(clients: 1);
            await run.FillAsync(clients: 8);
            await run.LastBedAsync(clients: 32, rounds);
            await run.OccupancyAsync();
            return run.Failed ? 1 : 0;
        }
        finally
        {
            if (server is not null)
            {
                if (!server.HasExited) server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    if (File.Exists(db + suffix)) File.Delete(db + suffix);
            }
        }
    }

    private sealed class Run(HttpClient http, string officer, string administrator)
    {
        private int _municipalityId;
        // Synthetic CPR numbers that differ between runs against the same server (a run uses about 3,000).
        private int _cprSerial = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 % 2000) * 10_000;
        private readonly string _tag = DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        public bool Failed { get; private set; }

        public async Task PrepareAsync()
        {
            using var response = await SendAsync(HttpMethod.Get, "/odata/Municipalities?$filter=Code eq 175&$select=Id", officer);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            _municipalityId = json.RootElement.GetProperty("value")[0].GetProperty("Id").GetInt32();
        }

        /// <summary>
        /// 300 allocations and refusals, not timed, so that the figures are those of a server that has run a while: .NET compiles
        /// a method quickly first and optimised only after it has been called often (tiered compilation).
        /// </summary>
        public async Task WarmUpAsync()
        {
            var shelter = await ShelterAsync("warm-up", rooms: 100, bedsPerRoom: 2);
            var persons = await PersonsAsync(300);
            await Parallel.ForEachAsync(persons, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (p, _) => await AllocateAsync(p,
                shelter));
        }

        /// <summary>Each client fills a 100-bed shelter of its own (50 rooms of two beds), one person at a time.</summary>
        public async Task FillAsync(int clients)
        {
            var shelters = new List<int>();
            for (var i = 0; i < clients; i++) shelters.Add(await ShelterAsync($"fill-{clients}-{i}", rooms: 50, bedsPerRoom: 2));
            var persons = await PersonsAsync(clients * 100);
            var times = new List<double>[clients];
            var statuses = new List<int>[clients];
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                (times[c], statuses[c]) = ([], []);
                for (var i = 0; i < 100; i++)
                {
                    var (ms, status) = await AllocateAsync(persons[c * 100 + i], shelters[c]);
                    times[c].Add(ms);
                    statuses[c].Add(status);
                }
            })));
            var all = statuses.SelectMany(s => s).ToList();
            var created = all.Count(s => s == 201);
            Print($"{clients} client{(clients == 1 ? "" : "s")}, each filling its own 100-bed shelter", times.SelectMany(t => t).ToList(),
                $"{created} placed of {all.Count}" + Others(all), created == all.Count);
        }

        /// <summary>Round after round, 32 clients ask for the one bed of a new one-bed shelter at the same moment.</summary>
        public async Task LastBedAsync(int clients, int rounds)
        {
            var times = new List<double>();
            var wrongRounds = 0;
            var statuses = new List<int>();
            for (var round = 0; round < rounds; round++)
            {
                var shelter = await ShelterAsync($"last-bed-{round}", rooms: 1, bedsPerRoom: 1);
                var persons = await PersonsAsync(clients);
                using var start = new Barrier(clients);
                var results = await Task.WhenAll(persons.Select(p => Task.Run(async () =>
                {
                    start.SignalAndWait();
                    return await AllocateAsync(p, shelter);
                })));
                times.AddRange(results.Select(r => r.Milliseconds));
                statuses.AddRange(results.Select(r => r.Status));
                if (results.Count(r => r.Status == 201) != 1 || results.Any(r => r.Status is not (201 or 409))) wrongRounds++;
            }
            Print($"{clients} clients racing for the last bed, {rounds} rounds", times,
                $"{statuses.Count(s => s == 201)} won, {statuses.Count(s => s == 409)} × 409" + Others(statuses)
                + (wrongRounds == 0 ? "; one winner every round" : $"; {wrongRounds} rounds without exactly one winner"), wrongRounds == 0);
        }

        /// <summary>
        /// Allocations into a shelter that already holds 1,000 current stays (three dormitories of 350 beds, the most a unit may
        /// have being 500: two full and the third, which takes the timed ones, holding 300), against the same into an identical
        /// empty shelter, alternated one by one.
        /// </summary>
        public async Task OccupancyAsync()
        {
            const int held = 1000, timed = 40;
            var empty = await ShelterAsync("occupancy-empty", rooms: 3, bedsPerRoom: 350);
            var full = await ShelterAsync("occupancy-1000", rooms: 3, bedsPerRoom: 350);
            var residents = await PersonsAsync(held);
            var filling = new System.Collections.Concurrent.ConcurrentBag<int>();
            await Parallel.ForEachAsync(residents, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (p, _) => filling.Add((await AllocateAsync(p, full)).Status));
            var persons = await PersonsAsync(2 * timed);
            var (intoEmpty, intoFull) = (new List<double>(), new List<double>());
            var statuses = new List<int>();
            for (var i = 0; i < timed; i++)
            {
                var a = await AllocateAsync(persons[2 * i], empty);
                var b = await AllocateAsync(persons[2 * i + 1], full);
                intoEmpty.Add(a.Milliseconds);
                intoFull.Add(b.Milliseconds);
                statuses.AddRange([a.Status, b.Status]);
            }
            var ok = filling.All(s => s == 201) && statuses.All(s => s == 201);
            Print("1 client, into an empty 1,050-bed shelter", intoEmpty, Others(statuses).TrimStart(';', ' '), ok);
            var ratio = Median(intoFull) / Median(intoEmpty);
            Print("1 client, into the same shelter holding 1,000 current stays", intoFull,
                $"median {ratio:F2}× the empty one's (goal at most 2)", ok);
        }

        private static string Others(IEnumerable<int> statuses) => string.Concat(statuses.Where(s => s is not (201 or 409))
            .GroupBy(s => s).Select(g => $"; {g.Count()} × {(g.Key < 0 ? "no answer" : g.Key)}"));

        private void Print(string what, List<double> ms, string result, bool ok)
        {
            ms.Sort();
            if (!ok) Failed = true;
            Console.WriteLine($"{what,-58}{ms.Count,7}{Percentile(ms, 0.5),9:F1}{Percentile(ms, 0.99),9:F1}{ms[^1],9:F0}  {result}");
        }

        private static double Median(List<double> ms) => Percentile([.. ms.Order()], 0.5);

        private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

        private async Task<(double Milliseconds, int Status)> AllocateAsync(int person, int shelter)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await SendAsync(HttpMethod.Post, "/odata/Placements", officer,
                    new { PersonId = person, FacilityId = shelter });
                await response.Content.ReadAsByteArrayAsync();
                return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, -1);
            }
        }

        /// <summary>A §110 shelter of Rødovre with rooms of the given size.</summary>
        private async Task<int> ShelterAsync(string name, int rooms, int bedsPerRoom)
        {
            var facility = await CreateAsync("/odata/Facilities", administrator, new
            {
                MunicipalityId = _municipalityId,
                Name = $"Belastningstest {name} {_tag}",
                Kind = "Section110Shelter",
                LegalBasis = "Section110",
                Address = "Testvej 1, 2610 Rødovre",
            });
            for (var r = 0; r < rooms; r++)
                await CreateAsync("/odata/Units", administrator, new { FacilityId = facility, Label = $"Rum {r + 1}", Beds = bedsPerRoom });
            return facility;
        }

        /// <summary>Persons born 1940–1995 (outside the youth rule) with synthetic CPR numbers, registered four at a time (a
        /// number the demo data already has is skipped).</summary>
        private async Task<List<int>> PersonsAsync(int count)
        {
            var ids = new int[count];
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                ids[i] = await CreateAsync("/odata/Persons", officer, () => new
                {
                    Cpr = NextCpr(),
                    FirstName = "Test",
                    LastName = $"Person {i}",
                    MunicipalityId = _municipalityId,
                }));
            return [.. ids];
        }

        private string NextCpr()
        {
            var serial = Interlocked.Increment(ref _cprSerial);
            var birth = new DateOnly(1940, 1, 1).AddDays(serial / 1000);
            return $"{birth:ddMMyy}-{serial % 4}{serial % 1000 / 10:00}{serial % 10}";
        }

        private Task<int> CreateAsync(string path, string token, object body) => CreateAsync(path, token, () => body);

        /// <summary>POSTs the body and returns the new record's Id; a person whose synthetic CPR number is taken gets the next.</summary>
        private async Task<int> CreateAsync(string path, string token, Func<object> body)
        {
            while (true)
            {
                using var response = await SendAsync(HttpMethod.Post, path, token, body());
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Conflict && text.Contains("DuplicateCpr", StringComparison.Ordinal)) continue;
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
                using var json = JsonDocument.Parse(text);
                return json.RootElement.GetProperty("Id").GetInt32();
            }
        }

        private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Prefer", "return=representation");
            if (body is not null)
                request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
            return http.SendAsync(request);
        }
    }
}
