using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Security;

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
