namespace HousingCapacity.Api.Data;

/// <summary>GET /health: whether the database answers a query now (within five seconds).</summary>
public static class HealthCheck
{
    public static async Task<bool> DatabaseAnswersAsync(HousingDbContext db, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\"").SingleAsync(timeout.Token) == 1;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or OperationCanceledException or InvalidOperationException
                                      or TimeoutException)
        {
            return false;
        }
    }
}
