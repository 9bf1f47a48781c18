using Npgsql;

namespace HousingCapacity.Api.Data;

/// <summary>The PostgreSQL failures that are not the request's fault: retried (a write run again) or answered 503 (try again).</summary>
public static class PostgreSqlFaults
{
    /// <summary>A serialization failure or deadlock: the transaction was rolled back and may simply be run again.</summary>
    public static bool IsRetryable(Exception e) => Find<PostgresException>(e)?.SqlState is PostgresErrorCodes.SerializationFailure
        or PostgresErrorCodes.DeadlockDetected;

    /// <summary>
    /// The server could not be reached, went away, is starting or stopping, or has no connection left; or a retryable failure
    /// that could not be retried. Npgsql's pool drops a broken connection, so the next request connects afresh.
    /// </summary>
    public static bool IsUnavailable(Exception e) => Find<NpgsqlException>(e) switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal)
            || p.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || p.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow
                // "database … is not currently accepting connections" (taken off for maintenance)
                or PostgresErrorCodes.ObjectNotInPrerequisiteState
                or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                // lock_timeout: a lock held elsewhere for longer than Database:BusyTimeoutMs (LockWaits)
                or PostgresErrorCodes.LockNotAvailable,
        null => false,
        _ => true, // I/O, timeouts and a closed connection: not answered by the server
    };

    /// <summary>The first exception of the type in the chain of inner exceptions.</summary>
    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }
}
