using Npgsql;

namespace HousingCapacity.Api.Data;

/// <summary>The PostgreSQL failures that are not the request's fault: retried (a write run again) or answered 503 (try again).</summary>
public static class PostgreSqlFaults
{
    /// <summary>A serialization failure or deadlock: the transaction was rolled back and may simply be run again.</summary>
    public static bool IsRetryable(Exception e) => Postgres(e)?.SqlState is PostgresErrorCodes.SerializationFailure
        or PostgresErrorCodes.DeadlockDetected;

    /// <summary>
    /// The server could not be reached, went away, is starting or stopping, or has no connection left; or a retryable failure
    /// that could not be retried. Npgsql's pool drops a broken connection, so the next request connects afresh.
    /// </summary>
    public static bool IsUnavailable(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException p)
                return p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || p.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow
                        // "database … is not currently accepting connections" (taken off for maintenance)
                        or PostgresErrorCodes.ObjectNotInPrerequisiteState
                        or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
            if (inner is NpgsqlException) return true; // I/O, timeouts and a closed connection: not answered by the server
        }
        return false;
    }

    private static PostgresException? Postgres(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is PostgresException p) return p;
        return null;
    }
}
