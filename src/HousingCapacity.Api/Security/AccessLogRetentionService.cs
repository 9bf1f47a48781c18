using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Security;

/// <summary>Purges the access log once a day when <c>AccessLog:RetentionMonths</c> is set; logs what it removed.</summary>
public sealed class AccessLogRetentionService(IServiceScopeFactory scopes, BackgroundLeader leader, IOptions<AccessLogOptions> options,
    IClock clock, ILogger<AccessLogRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionMonths is not { } months) return;
        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(Math.Max(1, options.Value.PurgeIntervalHours)));
        do
        {
            try
            {
                if (!await leader.IsLeaderAsync(stoppingToken)) continue; // another API process runs it
                await using var scope = scopes.CreateAsyncScope();
                var caller = scope.ServiceProvider.GetRequiredService<CallerScope>();
                caller.Current = Caller.System("access-log-retention");
                caller.Request = "background access log retention";
                var removed = await AccessLogRetention.PurgeAsync(scope.ServiceProvider.GetRequiredService<HousingDbContext>(), months,
                    clock.GetCurrentInstant(), stoppingToken);
                logger.LogInformation("Access log retention ({Months} months): removed {Count} entries", months, removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Access log retention failed: {Type}", e.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
