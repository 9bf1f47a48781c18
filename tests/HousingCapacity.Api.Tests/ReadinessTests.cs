using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Issue 29.2: /health/live says the process answers; /health/ready runs every readiness check and names each, 503 when one fails
/// (a schema behind this build, CPR keys that do not read the stored numbers), and says nothing secret. The class has its own
/// fixture: its tests change the database under the app and put it back.
/// </summary>
public sealed class ReadinessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Json, string Body)> GetAsync(string path)
    {
        var response = await api.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement, body);
    }

    private static Dictionary<string, (string Status, string Description)> Checks(JsonElement json) =>
        json.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("status").GetString()!, c.GetProperty("description").GetString()!));

    [Fact]
    public async Task Live_AsksNothing_AndReady_NamesEveryCheck_AllHealthy_WithoutAToken()
    {
        var live = await GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", live.Json.GetProperty("status").GetString());
        Assert.Empty(live.Json.GetProperty("checks").EnumerateArray());

        // On PostgreSQL the report-cache listener connects just after start (degraded until then): asked again for a while.
        var ready = await GetAsync("/health/ready");
        for (var i = 0; i < 50 && Checks(ready.Json)["report-cache-listener"].Status != "Healthy"; i++)
        {
            await Task.Delay(200);
            ready = await GetAsync("/health/ready");
        }
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        var checks = Checks(ready.Json);
        Assert.Equal(["cpr-keys", "data-protection-keys", "database", "pdf-fonts", "report-cache-listener", "schema"],
            checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(checks.Values, c => Assert.Equal("Healthy", c.Status));
        Assert.Equal("ok", checks["database"].Description);
        Assert.StartsWith("version ", checks["schema"].Description);
        // The old /health answers as before.
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Ready_IsUnavailable_WhenTheSchemaIsBehindThisBuild_OrTheKeysDoNotReadTheStoredNumbers()
    {
        await using var db = api.NewDb();
        var latest = await db.Database.SqlQueryRaw<int>("SELECT MAX(Version) AS \"Value\" FROM SchemaVersions").SingleAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE SchemaVersions SET Version = -1 WHERE Version = {latest}");
        try
        {
            var ready = await GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
            Assert.Equal("Unhealthy", ready.Json.GetProperty("status").GetString());
            Assert.Equal(("Unhealthy", $"version {latest - 1}, this build needs {latest}"), Checks(ready.Json)["schema"]);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health/live")).Status);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"UPDATE SchemaVersions SET Version = {latest} WHERE Version = -1");
        }

        // The last person's look-up hash as if another key had made it (a backup restored with other keys).
        var lastId = await db.Persons.Where(p => p.Cpr != null).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync();
        var hash = await db.Database.SqlQuery<string>($"""SELECT "CprHash" AS "Value" FROM "Persons" WHERE "Id" = {lastId}""")
            .SingleAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Persons" SET "CprHash" = 'other-key' WHERE "Id" = {lastId}""");
        try
        {
            var ready = await GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
            var keys = Checks(ready.Json)["cpr-keys"];
            Assert.Equal("Unhealthy", keys.Status);
            Assert.Contains("Security:CprLookupKey", keys.Description);
            Assert.DoesNotMatch(@"\d{6}-?\d{4}", ready.Body);
        }
        finally
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Persons" SET "CprHash" = {hash} WHERE "Id" = {lastId}""");
        }
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health/ready")).Status);
    }
}
