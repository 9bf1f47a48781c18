namespace HousingCapacity.Api.Data;

/// <summary>
/// Every wait for a lock ends after <see cref="DatabaseOptions.BusyTimeoutMs"/> (issue 23: while an operator's <c>sqlite3</c> held
/// <c>BEGIN EXCLUSIVE</c> for 10 s, requests waited 10 to 45 s despite a busy timeout of 5 s, because Microsoft.Data.Sqlite retries a
/// busy statement until its command timeout, 30 s by default; on PostgreSQL a <c>LOCK TABLE</c> made requests wait as long as it
/// was held). Bounded here: the wait at this process's write gate; on SQLite the connection's command timeout next to its busy
/// timeout (<see cref="SqlitePragmas"/>); on PostgreSQL <c>lock_timeout</c> in every write transaction (<see cref="WriteLock"/>,
/// <see cref="AccessLogBatch"/>). The request then answers 503 with Retry-After (DatabaseGuards), and /health says why
/// (<see cref="HealthCheck"/>).
/// </summary>
public static class LockWaits
{
    /// <summary>How long one wait may last.</summary>
    public static TimeSpan Limit(int busyTimeoutMs) => TimeSpan.FromMilliseconds(Math.Max(1, busyTimeoutMs));

    /// <summary>Microsoft.Data.Sqlite's retry of a busy statement, in whole seconds (at least one).</summary>
    public static int CommandTimeoutSeconds(int busyTimeoutMs) => Math.Max(1, (int)Math.Ceiling(busyTimeoutMs / 1000.0));

    /// <summary>PostgreSQL's <c>lock_timeout</c> (milliseconds, at least one: zero would mean no bound at all).</summary>
    public static string LockTimeout(int busyTimeoutMs) =>
        Math.Max(1, busyTimeoutMs).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>PostgreSQL's bound on the lock waits of the current transaction, as a statement.</summary>
    public static string SetLocalLockTimeout(int busyTimeoutMs) => $"SET LOCAL lock_timeout = {LockTimeout(busyTimeoutMs)};";

    /// <summary>The refusal of a wait that lasted too long (an answer of 503 with Retry-After: see DatabaseGuards).</summary>
    public static TimeoutException TooLong() =>
        new("A lock on the database was not given within the configured time (Database:BusyTimeoutMs).");
}
