using Npgsql;

namespace HousingCapacity.Api.Data;

/// <summary>
/// Which API process runs the background work (offer expiry, access log retention) when several share one PostgreSQL database:
/// the one that holds a session-level advisory lock, on a connection it keeps open for that alone. When that process stops or
/// loses its connection, the server drops the lock and another process takes it at its next tick. On SQLite every process runs
/// the work; each run is one write transaction that does only what is still due, so a second run finds nothing to do.
/// </summary>
public sealed class BackgroundLeader(DatabaseOptions options, ILogger<BackgroundLeader> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _sync = new(1, 1);
    private NpgsqlConnection? _lock;

    /// <summary>Whether this process should run the background work now; takes the lead if nobody has it.</summary>
    public async Task<bool> IsLeaderAsync(CancellationToken ct)
    {
        if (!options.IsPostgreSql) return true;
        await _sync.WaitAsync(ct);
        try
        {
            if (_lock is not null)
            {
                if (await AnswersAsync(_lock, ct)) return true;
                logger.LogWarning("Lost the connection that held the background work lock; trying to take it again");
                await DropAsync();
            }
            var connection = new NpgsqlConnection(options.ConnectionString);
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({PostgreSqlSchema.BackgroundWorkLock})", connection);
            if (await take.ExecuteScalarAsync(ct) is true)
            {
                _lock = connection;
                logger.LogInformation("This process runs the background work (offer expiry, access log retention)");
                return true;
            }
            await connection.DisposeAsync();
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await DropAsync();
            return false;
        }
        finally
        {
            _sync.Release();
        }
    }

    private static async Task<bool> AnswersAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            return await ping.ExecuteScalarAsync(ct) is 1;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    private async Task DropAsync()
    {
        if (_lock is null) return;
        try { await _lock.DisposeAsync(); }
        catch (NpgsqlException) { /* already broken */ }
        _lock = null;
    }

    /// <summary>Closing the connection gives the lead up at once.</summary>
    public async ValueTask DisposeAsync() => await DropAsync();
}
