namespace HousingCapacity.Api;

/// <summary>
/// <c>dotnet run --project src/HousingCapacity.Api -- purge-access-log [--months N]</c>: removes access log entries older than N
/// months (default <c>AccessLog:RetentionMonths</c>; at least 6), as the API's daily job does, and logs the purge in the log itself
/// as "system:purge-access-log".
/// </summary>
public static class PurgeAccessLogCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configured = CommandHost.Configuration(args).GetSection("AccessLog").Get<AccessLogOptions>()?.RetentionMonths;
        var given = CommandHost.Value(args, "--months");
        int? months = given is null ? configured : int.TryParse(given, out var m) ? m : null;
        if (months is not { } keep || keep < AccessLogRetention.MinimumMonths)
        {
            Console.Error.WriteLine($"Usage: purge-access-log [--months N]   (N at least {AccessLogRetention.MinimumMonths}; " +
                                    "default AccessLog:RetentionMonths, which is not set)");
            return 2;
        }
        return await CommandHost.RunOnDatabaseAsync(args, Caller.System("purge-access-log"), async db =>
        {
            try
            {
                var removed = await AccessLogRetention.PurgeAsync(db, keep, SystemClock.Instance.GetCurrentInstant(),
                    CancellationToken.None);
                Console.WriteLine($"Removed {removed} access log entries older than {keep} months.");
                return 0;
            }
            catch (System.Data.Common.DbException e)
            {
                // The database refused (its append-only guard) or could not be written (another process holds the lock).
                Console.Error.WriteLine($"The access log was not purged: {OData.Privacy.Scrub(e.Message)}");
                return 1;
            }
        });
    }
}
