using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// What an outside attack test found answering 500 (issue 10, finding 4), error answers without the security headers
/// (finding 6) and a CPR number in a log line (finding 5). Every request here must get a 4xx OData error with every security
/// header, no stack trace, and leave no CPR number in the log.
/// </summary>
public partial class RobustnessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string, string?> FoundRequests => new()
    {
        { "GET", "/odata/Facilities?$filter=Id eq NaN", null },
        { "GET", "/odata/Facilities?$filter=not null", null },
        { "GET", "/odata/Facilities?$filter=Units/any(u:null)", null },
        { "GET", "/odata/Facilities?$orderby=null", null },
        { "GET", "/odata/$batch", null },
        { "POST", "/odata/$batch", "{}" },
        { "GET", "/odata/$", null },
        { "GET", "/odata/Persons/HousingCapacity.FindByCpr(cpr='030303-4343')?$filter=not%20null", null },
        { "GET", "/odata/Persons(030303-4343)", null },
        { "GET", "/odata/Facilities?$filter=null", null },
        { "GET", "/odata/Facilities?$filter=Units/all(u:null)", null },
    };

    [Theory]
    [MemberData(nameof(FoundRequests))]
    public async Task FoundRequest_Is4xxODataError_WithSecurityHeaders_AndNoCprInTheLog(string method, string url, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        await AssertCleanRefusalAsync(request);
    }

    [Fact]
    public async Task InvalidUtf8InAJsonBody_Is400()
    {
        var facility = await new Builders(api).FacilityAsync("EmergencyBeds");
        var bytes = Encoding.UTF8.GetBytes($$"""{"FacilityId": {{facility}}, "BedsOccupied": 2""").Concat(new byte[] { 0xcb, (byte)'}' }).ToArray();
        var request = new HttpRequestMessage(HttpMethod.Post, "/odata/CapacityReports") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", ApiFixture.Token(Api.Security.Role.ShelterStaff, 175, facility));
        await AssertCleanRefusalAsync(request);
    }

    [Fact]
    public async Task Headers_AreOnEveryAnswer_SuccessErrorAndUnauthenticated()
    {
        using var anonymous = api.Factory.CreateClient();
        foreach (var response in new[]
                 {
                     await api.Client.GetAsync("/odata/Facilities(1)"),
                     await api.Client.GetAsync("/odata/Facilities(999999)"),
                     await api.Client.GetAsync("/odata/Facilities?$filter=bad bad"),
                     await api.Client.GetAsync("/odata/$metadata/"),
                     await anonymous.GetAsync("/odata/Facilities"),
                     await anonymous.GetAsync("/health"),
                 })
            AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("GET /odata/Persons/HousingCapacity.FindByCpr(cpr='010190-1234')")]
    [InlineData("cpr=0101901234&x=1")]
    [InlineData("/odata/Persons(010190%2D1234)")]
    [InlineData("CPR 010190 1234 given at the door")]
    public void Scrub_MasksACprNumberInEveryFormALogLineMayHoldIt(string text)
    {
        var scrubbed = Api.OData.Privacy.Scrub(text);
        Assert.Contains("010190-XXXX", scrubbed);
        Assert.DoesNotContain("1234", scrubbed);
    }

    private async Task AssertCleanRefusalAsync(HttpRequestMessage request)
    {
        var target = request.RequestUri!.ToString();
        request.Headers.Authorization ??= new("Bearer", ApiFixture.Token(Api.Security.Role.HousingOfficer));
        var linesBefore = LogSink.Lines.Count;
        using var response = await api.Factory.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{request.Method} {target}: {(int)response.StatusCode} {text}\n"
            + string.Join("\n", LogSink.Lines.Skip(linesBefore)));
        using var json = JsonDocument.Parse(text);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("error").GetProperty("code").GetString()));
        Assert.Contains(" / ", json.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("innererror", text);
        Assert.False(CprLike().IsMatch(text), text);
        AssertSecurityHeaders(response);
        var newLines = LogSink.Lines.Skip(linesBefore).ToList();
        Assert.DoesNotContain(newLines, l => CprLike().IsMatch(l));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var where = $"{response.RequestMessage?.RequestUri} ({(int)response.StatusCode})";
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", where);
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", where);
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", where);
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("default-src 'none'"),
            where);
        Assert.True(response.Headers.CacheControl?.NoStore == true, where);
    }

    /// <summary>A whole CPR number, with or without its dash (a masked one ends in XXXX and does not match).</summary>
    [GeneratedRegex(@"(?<!\d)\d{6}-?\d{4}(?!\d)")]
    private static partial Regex CprLike();
}
