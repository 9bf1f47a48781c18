using System.Diagnostics;
using System.Diagnostics.Metrics;
using HousingCapacity.Api.OData;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HousingCapacity.Api.Host;

/// <summary>
/// Traces and metrics (issue 29.1), with OpenTelemetry 1.21: ASP.NET Core's requests and its own meters (hosting, Kestrel, rate
/// limiting, authentication), outgoing HTTP, the runtime, Npgsql, and the product's own (<see cref="Meter"/>: allocations,
/// refusals by rule, CPR look-ups, access-log batches, write-lock waits, report-cache hits). Exported over OTLP when
/// <c>Telemetry:OtlpEndpoint</c> (or OTEL_EXPORTER_OTLP_ENDPOINT) is set, and scraped by Prometheus from <c>/metrics</c> on a port of
/// its own when <c>Telemetry:PrometheusPort</c> is set (on <c>Telemetry:PrometheusHost</c>, 127.0.0.1 unless said; off by default:
/// nothing is public by default). prometheus-net.AspNetCore 8.2.1 serves it, a stable release, rather than OpenTelemetry's
/// Prometheus exporter, which is served here only as a beta; it publishes the same .NET meters. No CPR number leaves in a span:
/// every span's name and text attributes are scrubbed (URL-decoded first) before any exporter sees them, and exceptions are not
/// recorded as span events; metric labels are route templates and codes, never a path.
/// </summary>
public static class Telemetry
{
    public const string Name = "HousingCapacity";
    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Allocations = Meter.CreateCounter<long>("housingcapacity.allocations", "{allocation}",
        "Allocations and check-ins, by outcome (placed, refused)");
    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>("housingcapacity.allocation.refusals", "{rule}",
        "The rules that refused an allocation, by rule code");
    public static readonly Counter<long> CprLookups = Meter.CreateCounter<long>("housingcapacity.cpr_lookups", "{lookup}",
        "Look-ups by CPR number, by purpose and whether someone was found");
    public static readonly Histogram<int> AccessLogBatchSize = Meter.CreateHistogram<int>("housingcapacity.access_log.batch_size",
        "{entry}", "Access-log entries written together in one batch");
    public static readonly Histogram<double> WriteLockWait = Meter.CreateHistogram<double>("housingcapacity.write_lock.wait", "ms",
        "How long a write waited for its lock");
    public static readonly Counter<long> ReportCache = Meter.CreateCounter<long>("housingcapacity.report_cache", "{request}",
        "A month's figures asked for, by result (hit: from the cache, miss: computed)");

    /// <summary>The meters of ASP.NET Core 10 the product exposes beside its own.</summary>
    private static readonly string[] FrameworkMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization"];

    public static void AddHousingTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Telemetry");
        var otlp = section["OtlpEndpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint)
            : Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } fromEnvironment
                ? new Uri(fromEnvironment) : null;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Name).AddNpgsql()
                    .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                    .AddHttpClientInstrumentation(o => o.RecordException = false)
                    // First of the processors, so that every exporter added after it sees the scrubbed span.
                    .AddProcessor(new ScrubbingProcessor());
                if (otlp is not null) tracing.AddOtlpExporter(o => o.Endpoint = otlp);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Name).AddMeter(FrameworkMeters).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation().AddNpgsqlInstrumentation();
                if (otlp is not null) metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        if (section.GetValue<int?>("PrometheusPort") is { } port)
            builder.Services.AddHostedService(_ => new PrometheusEndpoint(section["PrometheusHost"] ?? "127.0.0.1", port));
    }

    /// <summary>A text as it may leave in a span: URL-decoded, then scrubbed of CPR-like numbers (unchanged when there is none).</summary>
    public static string Scrubbed(string text)
    {
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            decoded = text;
        }
        var scrubbed = Privacy.Scrub(decoded);
        // Most texts have nothing to decode or hold a number: one scrub answers. Otherwise the text as given is kept only when it
        // is clean both ways.
        if (decoded == text || scrubbed != decoded) return scrubbed;
        return Privacy.Scrub(text) == text ? text : scrubbed;
    }

    /// <summary>Scrubs each span as it ends: its name and every text attribute (url.path, url.query, the route, a status text).</summary>
    private sealed class ScrubbingProcessor : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity activity)
        {
            activity.DisplayName = Scrubbed(activity.DisplayName);
            foreach (var (key, value) in activity.TagObjects.ToList())
                if (value is string text && Scrubbed(text) is var clean && clean != text) activity.SetTag(key, clean);
            if (activity.StatusDescription is { } status) activity.SetStatus(activity.Status, Scrubbed(status));
        }
    }

    /// <summary>Prometheus's /metrics on a port of its own, beside the app's (prometheus-net's Kestrel server).</summary>
    private sealed class PrometheusEndpoint(string host, int port) : IHostedService
    {
        private Prometheus.KestrelMetricServer? _server;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _server = new Prometheus.KestrelMetricServer(host, port);
            _server.Start();
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_server is not null) await _server.StopAsync();
        }
    }
}
