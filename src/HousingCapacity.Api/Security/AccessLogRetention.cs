using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Security;

/// <summary>Configuration section "AccessLog".</summary>
public sealed class AccessLogOptions
{
    /// <summary>
    /// How many months the access log is kept; unset (the default) keeps it for good. At least 6: the database refuses a purge
    /// of anything younger (migration 0010), which is also what the old security order for public authorities required as a
    /// minimum (bekendtgørelse nr. 528 af 15. juni 2000 §19 stk. 3: "6 måneder"), and a person's art. 15 request usually asks
    /// about the recent past.
    /// </summary>
    public int? RetentionMonths { get; set; }

    /// <summary>How often the API's own job purges, in hours (the first run is a minute after start).</summary>
    public int PurgeIntervalHours { get; set; } = 24;
}

/// <summary>
/// The one way lines leave the access log: entries older than <see cref="AccessLogOptions.RetentionMonths"/> months, removed in
/// one write that first records the purge in AccessLogPurges (the database's delete triggers allow nothing younger than the
/// newest purge's limit) and then writes an entry of its own, "PurgeAccessLog", with the limit and the count. Run by the API's
/// job (<see cref="AccessLogRetentionService"/>) and by the <c>purge-access-log</c> command; no HTTP request can reach it.
/// </summary>
public static class AccessLogRetention
{
    public const int MinimumMonths = 6;

    /// <summary>The entries removed.</summary>
    public static async Task<int> PurgeAsync(HousingDbContext db, int months, Instant now, CancellationToken ct)
    {
        if (months < MinimumMonths)
            throw new ArgumentOutOfRangeException(nameof(months), $"The access log is kept at least {MinimumMonths} months.");
        // Midnight (UTC) of the day that many months back: never later than the database's own "now, -N months" (NodaTime
        // keeps 31 August - 6 months at 28 February, SQLite moves it on to 3 March), so a purge of exactly six months is let through.
        var limit = now.InUtc().Date.PlusMonths(-months).AtMidnight().InUtc().ToInstant();
        var before = Converters.InstantToText(limit);
        var at = Converters.InstantToText(now);
        var user = db.Scope.Current.Name;
        return await db.WriteAsync(async () =>
        {
            int removed;
            if (db.Database.IsNpgsql())
            {
                // The application's login may not delete from the log: the owner's function records the purge and removes the lines.
                var sinceUtc = limit.ToDateTimeOffset();
                removed = await db.Database.SqlQuery<int>($"""SELECT "PurgeAccessLog"({sinceUtc}, {months}, {user}) AS "Value" """)
                    .SingleAsync(ct);
            }
            else
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO AccessLogPurges (At, Before, RetentionMonths, UserName) VALUES ({at}, {before}, {months}, {user})", ct);
                await db.Database.ExecuteSqlAsync(
                    $"DELETE FROM AccessLogPersons WHERE EntryId IN (SELECT Id FROM AccessLog WHERE At < {before})", ct);
                removed = await db.Database.ExecuteSqlAsync($"DELETE FROM AccessLog WHERE At < {before}", ct);
            }
            db.AccessLog.Add(AccessLog.Entry(db.Scope, now, $"PurgeAccessLog before {before}: {removed} entries", (int?)null));
            return removed;
        }, ct);
    }
}

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
