using Npgsql;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// PostgreSQL: hears the report-cache drops other API processes' saves announce (channel <see cref="Channel"/>, sent by
/// HousingDbContext in the save's transaction, so delivered once it commits) and drops the same months here. Until it listens,
/// and whenever its connection is lost (a drop may have been missed), this process keeps no month at all; it reconnects by
/// itself. Nothing to do on SQLite.
/// </summary>
public sealed class ReportCacheListener : BackgroundService
{
    public const string Channel = "housingcapacity_report_cache";

    private readonly DatabaseOptions _options;
    private readonly ILogger<ReportCacheListener> _logger;
    private readonly MonthlyFiguresCache _cache;

    public ReportCacheListener(HousingDatabase database, ILogger<ReportCacheListener> logger)
    {
        var options = database.Options;
        (_options, _logger) = (options, logger);
        _cache = database.Reports;
        // Off from the start: a request may come before the first LISTEN.
        if (options.IsPostgreSql) _cache.Enabled = false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.IsPostgreSql) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_options.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => _cache.Invalidate(MonthlyFiguresCache.Invalidation.FromPayload(e.Payload));
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _cache.Enabled = true;
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                _logger.LogWarning("The report cache stopped listening for other processes' changes ({Type}); it is off until it " +
                                   "listens again", e.GetType().Name);
            }
            finally
            {
                _cache.Enabled = false;
            }
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
