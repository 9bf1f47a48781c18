using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>Expires unanswered offers on a timer, so that a unit can be offered on without anyone asking first.</summary>
public sealed class OfferExpiryService(IServiceScopeFactory scopes, BackgroundLeader leader, IOptions<WaitlistOptions> options,
    IClock clock, ILogger<OfferExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.ExpiryIntervalMinutes)));
        do
        {
            try
            {
                if (!await leader.IsLeaderAsync(stoppingToken)) continue; // another API process runs it
                await using var scope = scopes.CreateAsyncScope();
                var caller = scope.ServiceProvider.GetRequiredService<Security.CallerScope>();
                caller.Current = Security.Caller.System("offer-expiry");
                caller.Request = "background offer expiry";
                var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
                await using var tx = await db.BeginWriteAsync(stoppingToken);
                var expired = await OfferWorkflow.ExpireDueAsync(db, DanishTime.Today(clock), stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                await tx.CommitAsync(stoppingToken);
                if (expired > 0) logger.LogInformation("Expired {Count} unanswered offers", expired);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Offer expiry failed: {Type}", e.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
