using System.Text.Json;
using HousingCapacity.Api.Reporting.Pdf;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HousingCapacity.Api.Host;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> (issue 29.2), with the framework's health checks. Live: the process answers
/// (nothing else is asked, so that a slow database never gets a live process restarted). Ready: every check below, each named
/// with what it found; 503 when one fails, so that a load balancer sends this process no requests. <c>/health</c> stays as it was
/// for existing load balancers. No check answers with a CPR number, a key or a connection string.
/// </summary>
public static class Readiness
{
    private const string Ready = "ready";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [Ready])
            .AddCheck<SchemaCheck>("schema", tags: [Ready])
            .AddCheck<CprKeysCheck>("cpr-keys", tags: [Ready])
            .AddCheck<DataProtectionCheck>("data-protection-keys", tags: [Ready])
            .AddCheck("pdf-fonts", FontsCheck, tags: [Ready])
            .AddCheck<ReportCacheListenerCheck>("report-cache-listener", tags: [Ready]);
        return services;
    }

    public static void MapReadiness(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync,
        });
    }

    /// <summary>{"status":"Healthy","checks":[{"name":"database","status":"Healthy","description":"ok"}, …]}.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description,
            }),
        }));
    }

    private static HealthCheckResult FontsCheck() => SystemFontResolver.MissingFiles() is { Count: > 0 } missing
        ? HealthCheckResult.Unhealthy($"missing {string.Join(", ", missing)}: apt-get install fonts-dejavu-core")
        : HealthCheckResult.Healthy("DejaVu Sans found");

    /// <summary>The database answers a query, and a write could take its locks within Database:BusyTimeoutMs (as /health).</summary>
    private sealed class DatabaseCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var status = await HealthCheck.CheckAsync(scope.ServiceProvider.GetRequiredService<HousingDbContext>(), ct);
            return status.Ok ? HealthCheckResult.Healthy(status.Text) : HealthCheckResult.Unhealthy(status.Text);
        }
    }

    /// <summary>The database's schema is the version this build writes (a process started before an upgrade finished is not).
    /// </summary>
    private sealed class SchemaCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
            try
            {
                await db.Database.OpenConnectionAsync(ct);
                var migrator = new SchemaMigrator(db.Database.GetDbConnection(), db.Shared.Options.Scripts);
                var (current, latest) = (await migrator.CurrentVersionAsync(ct), migrator.LatestVersion);
                return current == latest ? HealthCheckResult.Healthy($"version {current}")
                    : HealthCheckResult.Unhealthy($"version {current}, this build needs {latest}");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("the schema version could not be read");
            }
        }
    }

    /// <summary>The CPR keys read the first and the last CPR number stored (as at start: a restored copy with other keys fails here
    /// too).</summary>
    private sealed class CprKeysCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await CprKeyCheck.EnsureKeysMatchDataAsync(scope.ServiceProvider.GetRequiredService<HousingDbContext>(), ct,
                    firstNotCurrent: false);
                return HealthCheckResult.Healthy("the keys read the stored CPR numbers");
            }
            catch (StartupRefusedException e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("the stored CPR numbers could not be read");
            }
        }
    }

    /// <summary>The data protection keys (the session cookie, antiforgery tokens, PostgreSQL's page sessions) protect and read back.
    /// </summary>
    private sealed class DataProtectionCheck(IDataProtectionProvider protection) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                var protector = protection.CreateProtector("HousingCapacity.Readiness");
                return Task.FromResult(protector.Unprotect(protector.Protect("ready")) == "ready"
                    ? HealthCheckResult.Healthy("a value protected and read back")
                    : HealthCheckResult.Unhealthy("a protected value did not read back"));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy(
                    "the data protection keys cannot be used (DataProtection:KeysFolder?)"));
            }
        }
    }

    /// <summary>PostgreSQL: the listener that hears other processes' report-cache drops is connected. Without it the process keeps
    /// no month cached, which is slower but right: degraded, not unhealthy.</summary>
    private sealed class ReportCacheListenerCheck(HousingDatabase database) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(!database.Options.IsPostgreSql ? HealthCheckResult.Healthy("not needed on SQLite")
                : database.Reports.Enabled ? HealthCheckResult.Healthy("listening")
                : HealthCheckResult.Degraded("not listening: months are computed each time until it reconnects"));
    }
}
