using System.Diagnostics;
using System.Text.RegularExpressions;
using HousingCapacity.Domain;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace HousingCapacity.Api.Tests;

/// <summary>The API with its spans and metrics kept in memory, as an exporter would get them.</summary>
public sealed class TelemetryFixture : ApiFixture
{
    public List<Activity> Spans { get; } = [];
    public List<Metric> Metrics { get; } = [];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(Spans));
        services.ConfigureOpenTelemetryMeterProvider(b => b.AddInMemoryExporter(Metrics));
    }

    public void Flush()
    {
        Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        Factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }
}

/// <summary>
/// Issue 29.1: a look-up by CPR number (whose number is in the request's path), a check-in and allocations leave spans and metrics,
/// and no CPR number is in any span's name, attribute or status, nor in any metric's labels, in any encoding.
/// </summary>
public sealed partial class TelemetryTests(TelemetryFixture api, ITestOutputHelper output) : IClassFixture<TelemetryFixture>
{
    [GeneratedRegex(@"(?<!\d)\d{6}(-|%2D|%2d)?\d{4}(?!\d)")]
    private static partial Regex CprLike();

    [Fact]
    public async Task ACheckInAndALookUpByCpr_LeaveSpansAndMetrics_WithoutTheNumber()
    {
        string cpr;
        int facility;
        await using (var db = api.NewDb())
        {
            cpr = db.Persons.Where(p => p.Cpr != null && p.MunicipalityId == 1 && !p.Placements.Any(s => s.EndDate == null))
                .OrderBy(p => p.Id).Select(p => p.Cpr!).First();
            facility = db.Facilities.Where(f => f.Kind == FacilityKind.EmergencyBeds && f.MunicipalityId == 1).Select(f => f.Id).First();
        }
        var lookup = await api.OData.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{cpr}')");
        Assert.Equal(HttpStatusCode.OK, lookup.Status);
        var checkIn = await api.Staff(facility).SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
            $$"""{"cpr":"{{cpr}}","facilityId":{{facility}}}""");
        Assert.Equal(HttpStatusCode.Created, checkIn.Status);
        // The same person again, the same night: refused (PersonAlreadyPlaced), a refusal by rule to count.
        var again = await new Builders(api).AllocateAsync(checkIn.Json.GetProperty("PersonId").GetInt32(), facility);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        api.Flush();

        var spans = api.Spans.ToList();
        var lookupSpan = spans.Single(s => s.GetTagItem("url.path") is string path && path.Contains("FindByCpr"));
        Assert.Contains("XXXX", (string)lookupSpan.GetTagItem("url.path")!);
        var checkInSpan = spans.Single(s => s.GetTagItem("url.path") is string path && path.EndsWith("HousingCapacity.CheckIn"));
        output.WriteLine($"Check-in ({(int)checkIn.Status}): span '{checkInSpan.DisplayName}', " +
                         $"{checkInSpan.Duration.TotalMilliseconds:F0} ms, trace {checkInSpan.TraceId}");
        foreach (var (key, value) in checkInSpan.TagObjects) output.WriteLine($"  {key} = {value}");
        foreach (var child in spans.Where(s => s.ParentSpanId == checkInSpan.SpanId))
            output.WriteLine($"  child: {child.Source.Name} '{child.DisplayName}' {child.Duration.TotalMilliseconds:F1} ms");

        var leaks = spans.SelectMany(s => new[] { s.DisplayName, s.StatusDescription ?? "" }
                .Concat(s.TagObjects.Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Value}"))))
            .Where(text => CprLike().IsMatch(text) || text.Contains(cpr.Replace("-", ""), StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));

        var metrics = api.Metrics.ToList();
        string Points(string name) => string.Join("; ", metrics.Where(m => m.Name == name).SelectMany(m =>
        {
            var points = new List<string>();
            foreach (ref readonly var point in m.GetMetricPoints())
            {
                var tags = new List<string>();
                foreach (var tag in point.Tags) tags.Add($"{tag.Key}={tag.Value}");
                points.Add($"{string.Join(",", tags)}: {(m.MetricType.IsHistogram() ? point.GetHistogramCount() : point.GetSumLong())}");
            }
            return points;
        }));
        foreach (var name in new[] { "housingcapacity.allocations", "housingcapacity.allocation.refusals", "housingcapacity.cpr_lookups",
                     "housingcapacity.write_lock.wait", "housingcapacity.access_log.batch_size" })
        {
            Assert.Contains(metrics, m => m.Name == name);
            output.WriteLine($"{name}: {Points(name)}");
        }
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
        Assert.Contains("outcome=refused", Points("housingcapacity.allocations"));
        Assert.Contains("purpose=IdentifyByCpr", Points("housingcapacity.cpr_lookups"));
        var labels = new List<string>();
        foreach (var metric in metrics)
            foreach (ref readonly var point in metric.GetMetricPoints())
                foreach (var tag in point.Tags) labels.Add($"{metric.Name} {tag.Key}={tag.Value}");
        // Npgsql names its pool by the connection string (without the password): configuration, not data, and a throwaway
        // database's name holds a GUID whose digits can look like a CPR number. Every other label is scanned.
        Assert.DoesNotContain(labels, l => l.Contains("Password", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(labels, l => !l.Contains(" db.client.connection.pool.name=", StringComparison.Ordinal)
                                           && CprLike().IsMatch(l));
    }

    /// <summary>Prometheus scrapes /metrics on a port of its own when Telemetry:PrometheusPort is set; the app's port has none.</summary>
    [Fact]
    public async Task WithAPrometheusPort_MetricsAreScrapedThere_AndNotOnTheAppsPort()
    {
        var listener = System.Net.Sockets.TcpListener.Create(0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var database = new TempDatabase("prometheus");
        await using var process = await ApiProcess.StartAsync(database, $"--Telemetry:PrometheusPort={port}");
        Assert.Equal(HttpStatusCode.OK, (await process.Client.GetAsync(process.Url + "/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await process.Client.GetAsync(process.Url + "/metrics")).StatusCode);
        // prometheus-net reads the .NET meters on a timer of its own: the first scrape may come before it has.
        var scraped = "";
        for (var i = 0; i < 60 && !scraped.Contains("microsoft_aspnetcore_hosting_http_server_request_duration"); i++)
        {
            await process.Client.GetAsync(process.Url + "/health");
            scraped = await process.Client.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            await Task.Delay(500);
        }
        Assert.Contains("microsoft_aspnetcore_hosting_http_server_request_duration", scraped);
        Assert.Contains("housingcapacity_housingcapacity_write_lock_wait", scraped);
        Assert.Contains("process_cpu_seconds_total", scraped);
    }
}
