using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>Issue 23, finding 10: a full disk is a 503 with a clear message and nothing saved, not a 500 InternalError.</summary>
public class DiskFullTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AWrite_OnAFullDisk_Is503DiskFull_AndSavesNothing()
    {
        await using var db = api.NewDb();
        var before = await db.Turnaways.CountAsync();
        api.Faults.FailNextWith("INSERT INTO \"Turnaways\"", () => api.Database.IsPostgreSql
            ? new Npgsql.PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100")
            : new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13), times: 1);
        using var reply = await api.Client.PostAsync("/odata/Turnaways",
            new StringContent("""{"FacilityId":1,"Reason":"Full"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.StatusCode == HttpStatusCode.ServiceUnavailable, body);
        Assert.Contains("DiskFull", body);
        Assert.Contains("disk", body);
        Assert.NotNull(reply.Headers.RetryAfter);
        Assert.Equal(before, await db.Turnaways.CountAsync());
    }
}
