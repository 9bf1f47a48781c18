using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>The API with a lock wait of one second (Database:BusyTimeoutMs).</summary>
public sealed class LockWaitFixture : ApiFixture
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Database:BusyTimeoutMs", "1000")];
}

/// <summary>
/// Issue 23, finding 11: while another program holds a lock (an operator's sqlite3 in BEGIN EXCLUSIVE, a LOCK TABLE on PostgreSQL),
/// a request waits at most the configured time, then answers 503 with Retry-After, and /health says why. Each answer below comes
/// while the lock is still held: a request that waited for its release would never be answered before the test lets go.
/// </summary>
public class LockWaitTests(LockWaitFixture api) : IClassFixture<LockWaitFixture>
{
    private async Task<int> PersonAsync()
    {
        await using var db = api.NewDb();
        return await db.Persons.Where(p => p.MunicipalityId == 1).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    /// <summary>The request as a client sends it (the suite's OData client treats any 5xx as a failure of the test).</summary>
    private async Task AssertBusyAsync(HttpMethod method, string url, string? json = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var reply = await api.Client.SendAsync(request);
        var body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)reply.StatusCode} {body}");
        Assert.NotNull(reply.Headers.RetryAfter);
        Assert.Contains("prøv igen", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body);
    }

    private async Task AssertHealthAsync(HttpStatusCode expected, string status)
    {
        using var anonymous = api.Factory.CreateClient();
        var health = await anonymous.GetAsync("/health");
        Assert.Equal(expected, health.StatusCode);
        Assert.Contains(status, await health.Content.ReadAsStringAsync());
    }

    [SqliteFact]
    public async Task WhileAnotherProgramHoldsSqlitesWriteLock_WritesAndLoggedReadsAre503_OtherReadsAreAnswered()
    {
        var person = await PersonAsync();
        await using (DbConnection outside = await api.Database.OpenConnectionAsync())
        {
            await using (var begin = outside.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }
            await AssertBusyAsync(HttpMethod.Post, "/odata/Turnaways", """{"FacilityId":1,"Reason":"Full"}""");
            await AssertBusyAsync(HttpMethod.Get, $"/odata/Persons({person})");
            Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync("/odata/Facilities(1)")).Status);
            await AssertHealthAsync(HttpStatusCode.ServiceUnavailable, "database locked");
            await using var rollback = outside.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        Assert.Equal(HttpStatusCode.Created, (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            """{"FacilityId":1,"Reason":"Full"}""")).Status);
        await AssertHealthAsync(HttpStatusCode.OK, "ok");
    }

    [PostgreSqlFact]
    public async Task WhileAnotherSessionLocksATable_WritesAndLoggedReadsAre503()
    {
        var person = await PersonAsync();
        await using (DbConnection outside = await api.Database.OpenConnectionAsync())
        {
            await using var transaction = await outside.BeginTransactionAsync();
            await using (var lockTables = outside.CreateCommand())
            {
                lockTables.Transaction = transaction;
                lockTables.CommandText = """LOCK TABLE "Turnaways", "AccessLog" IN EXCLUSIVE MODE""";
                await lockTables.ExecuteNonQueryAsync();
            }
            await AssertBusyAsync(HttpMethod.Post, "/odata/Turnaways", """{"FacilityId":1,"Reason":"Full"}""");
            await AssertBusyAsync(HttpMethod.Get, $"/odata/Persons({person})");
            Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync("/odata/Facilities(1)")).Status);
            await AssertHealthAsync(HttpStatusCode.ServiceUnavailable, "database locked");
            await transaction.RollbackAsync();
        }
        Assert.Equal(HttpStatusCode.Created, (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            """{"FacilityId":1,"Reason":"Full"}""")).Status);
        await AssertHealthAsync(HttpStatusCode.OK, "ok");
    }
}
