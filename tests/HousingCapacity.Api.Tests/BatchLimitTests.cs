using System.Text;
using System.Text.Json;
using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>The API with small limits: 5 writes and 3 heavy reads a minute, batches of at most 10 requests.</summary>
public sealed class BatchLimitFixture : ApiFixture
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
        [("RateLimits:WritesPerMinute", "5"), ("RateLimits:HeavyQueriesPerMinute", "3"), ("OData:MaxBatchRequests", "10")];
}

/// <summary>
/// Issue 23, findings 3 and 5: a $batch sub-request counts against the caller's limits as if sent alone, a batch has a maximum
/// size, absolute URLs (as behind a reverse proxy) work, and what is logged of a sub-request is its own path, masked.
/// </summary>
public class BatchLimitTests(BatchLimitFixture api) : IClassFixture<BatchLimitFixture>
{
    private static int _users;

    private HttpClient NewUser(Role role)
    {
        var client = api.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFixture.TokenFor($"batch-user-{Interlocked.Increment(ref _users)}",
            role));
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<List<int>> StatusesAsync(HttpResponseMessage reply)
    {
        var body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("status")
            .GetInt32())];
    }

    private static string Batch(IEnumerable<string> requests) => $$"""{"requests":[{{string.Join(",", requests)}}]}""";

    [Fact]
    public async Task WritesInABatch_CountAgainstTheWriteLimit_AsIfSentAlone()
    {
        var admin = NewUser(Role.Administrator);
        var label = Guid.NewGuid().ToString("N")[..8];
        var requests = Enumerable.Range(1, 8).Select(i =>
            $$$"""{"id":"{{{i}}}","method":"POST","url":"Units","headers":{"content-type":"application/json"},""" +
            $$$""" "body":{"FacilityId":1,"Label":"{{{label}}}-{{{i}}}","Beds":1}}""");
        var reply = await admin.PostAsync("/odata/$batch?continue-on-error", Json(Batch(requests)));
        var body = await reply.Content.ReadAsStringAsync();
        // The batch is itself a POST (1 of 5); four of its writes fit, the rest are 429.
        var statuses = JsonDocument.Parse(body).RootElement.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("status")
            .GetInt32()).ToList();
        Assert.Equal(4, statuses.Count(s => s == 201));
        Assert.Contains(429, statuses);
        Assert.Contains("TooManyRequests", body);
        await using var db = api.NewDb();
        Assert.Equal(4, db.Units.Count(u => u.Label.StartsWith(label)));
    }

    [Fact]
    public async Task HeavyReadsInABatch_CountAgainstTheHeavyLimit()
    {
        var officer = NewUser(Role.HousingOfficer);
        var requests = Enumerable.Range(1, 6).Select(i => $$"""{"id":"{{i}}","method":"GET","url":"Facilities?$expand=Units&$top=1"}""");
        var statuses = await StatusesAsync(await officer.PostAsync("/odata/$batch", Json(Batch(requests))));
        Assert.Equal([200, 200, 200, 429], statuses);
    }

    [Fact]
    public async Task ABatchOverTheMaximumSize_Is400()
    {
        var officer = NewUser(Role.HousingOfficer);
        var requests = Enumerable.Range(1, 11).Select(i => $$"""{"id":"{{i}}","method":"GET","url":"Municipalities(1)"}""");
        var reply = await officer.PostAsync("/odata/$batch", Json(Batch(requests)));
        var body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("10", body);
    }

    [Fact]
    public async Task AbsoluteUrls_OfAnotherHost_Work_AndAreLoggedMasked()
    {
        var officer = NewUser(Role.HousingOfficer);
        var requests = new[]
        {
            """{"id":"1","method":"GET","url":"http://other.example/odata/Persons?$filter=Cpr%20eq%20%27130169-0961%27&$select=Id"}""",
            """{"id":"2","method":"GET","url":"https://kommune.example/odata/Facilities(1)?$select=Name"}""",
        };
        var reply = await officer.PostAsync("/odata/$batch", Json(Batch(requests)));
        Assert.Equal([200, 200], await StatusesAsync(reply));
        var leaks = LogSink.Lines.Where(l => l.Contains("-0961") || l.Contains("690961") || l.Contains("%2D0961")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Theory]
    [InlineData("""{"requests":[{"id":"1","method":"GET","url":"/health"}]}""")]
    [InlineData("""{"requests":[{"id":"1","method":"GET","url":"http://other.example/reports/monthly/175/2026-10.json"}]}""")]
    [InlineData("""{"requests":[{"id":"1","method":"POST","url":"Turnaways","headers":{"content-type":"application/json"},""" +
        """ "body":{"FacilityId":1,"Reason":"Full"}},{"id":"2","dependsOn":["1"],"method":"GET","url":"$1"}]}""")]
    [InlineData("""{"requests":[{"id":"1","atomicityGroup":"a","method":"GET","url":"Municipalities(1)"},""" +
        """ {"id":"2","method":"GET","url":"Municipalities(1)"},""" +
        """ {"id":"3","atomicityGroup":"a","method":"GET","url":"Municipalities(1)"}]}""")]
    public async Task OddBatches_AreAnsweredWithoutA500(string batch)
    {
        var officer = NewUser(Role.HousingOfficer);
        var reply = await officer.PostAsync("/odata/$batch", Json(batch));
        var body = await reply.Content.ReadAsStringAsync();
        Assert.True((int)reply.StatusCode < 500, body + string.Join("\n", LogSink.Lines.Where(l => l.Contains("Unhandled")).Select(l =>
            l[..Math.Min(l.Length, 1500)])));
        Assert.DoesNotContain("\"status\":500", body);
        Assert.DoesNotContain("InternalError", body);
    }
}

/// <summary>Issue 23, finding 13: a JSON $batch that refers to a record created earlier in it ($1, dependsOn) works.</summary>
public class BatchReferenceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ContentIdReference_ToARecordCreatedInTheSameChangeSet_Works()
    {
        var label = Guid.NewGuid().ToString("N")[..8];
        var batch = $$$"""
            {"requests":[
              {"id":"1","atomicityGroup":"g","method":"POST","url":"Units","headers":{"content-type":"application/json"},
                "body":{"FacilityId":1,"Label":"{{{label}}}","Beds":1}},
              {"id":"2","atomicityGroup":"g","dependsOn":["1"],"method":"PATCH","url":"$1","headers":{"content-type":"application/json"},
                "body":{"Label":"{{{label}}}-2"}}
            ]}
            """;
        using var admin = api.HttpAs(HousingCapacity.Api.Security.Role.Administrator);
        var reply = await admin.PostAsync("/odata/$batch", new StringContent(batch, System.Text.Encoding.UTF8, "application/json"));
        var body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.StatusCode == HttpStatusCode.OK, body);
        var statuses = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("responses").EnumerateArray()
            .Select(r => r.GetProperty("status").GetInt32()).ToList();
        Assert.True(statuses.SequenceEqual([201, 204]), body);
        await using var db = api.NewDb();
        Assert.True(db.Units.Any(u => u.Label == label + "-2"), body);
    }
}

/// <summary>Issue 23, finding 5: the access log names each request of a $batch by its own path (masked), not only the batch.</summary>
public class BatchAccessLogTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AReadInABatch_IsLoggedWithItsOwnPath()
    {
        await using var db = api.NewDb();
        var person = await db.Persons.Where(p => p.MunicipalityId == 1).OrderBy(p => p.Id).Skip(11).Select(p => p.Id).FirstAsync();
        var before = await db.AccessLogLines.MaxAsync(l => (long?)l.Id) ?? 0;
        var batch = $$"""{"requests":[{"id":"1","method":"GET","url":"Persons({{person}})?$select=Id,FirstName"}]}""";
        using var reply = await api.Client.PostAsync("/odata/$batch", new StringContent(batch, System.Text.Encoding.UTF8,
            "application/json"));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        await using var after = api.NewDb();
        var line = Assert.Single(await after.AccessLogLines.Where(l => l.Id > before && l.PersonId == person).ToListAsync());
        Assert.Equal($"$batch: GET /odata/Persons({person})", line.Request);
    }
}
