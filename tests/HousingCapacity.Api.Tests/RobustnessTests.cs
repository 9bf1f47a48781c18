using Microsoft.EntityFrameworkCore;
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
        // Issue 23, finding 10.
        { "GET", "/odata/Persons?$apply=groupby((Id),aggregate(Placements(FacilityId with sum as s)))", null },
        { "GET", "/odata/Units?$apply=groupby((FacilityId),aggregate(Placements(PersonId with countdistinct as n)))", null },
        { "GET", "/odata/Units?$apply=groupby((FacilityId),aggregate(Placements($count as n)))", null },
        { "GET", "/odata/Units?$apply=aggregate(Beds with Custom.Foo as X)", null },
        { "GET", "/odata/Units?$filter=cast('HousingCapacity.Unit')/Id eq 1", null },
        { "GET", "/odata/Facilities?$filter=matchesPattern(Name,'^A')", null },
        { "GET", "/odata/BedHolds?$filter=fractionalseconds(HeldAt) eq 0", null },
        { "GET", "/odata/BedHolds?$filter=time(HeldAt) eq 12:00:00", null },
        { "GET", "/odata/BedHolds?$filter=ExpiresAt sub HeldAt gt duration'PT1H'", null },
        { "GET", "/odata/Units?$compute=Beds mul 2 as", null },
        { "GET", "/odata/Facilities?$filter=Kind has HousingCapacity.FacilityKind'Section110Shelter'", null },
        { "GET", "/odata/BedHolds?$filter=HeldAt gt 2026-11-01", null },
        { "POST", "/odata/Turnaways", "{\"FacilityId\":1,\"Reason\":\"\\ud800\"}" },
        { "POST", "/odata/Waitlists", "{\"MunicipalityId\":1,\"Name\":\"a\\ud800b\",\"Kind\":\"SkaevBolig\"}" },
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
        var bytes = Encoding.UTF8.GetBytes($$"""{"FacilityId": {{facility}}, "BedsOccupied": 2""").Concat(new byte[] { 0xcb, (byte)'}' })
            .ToArray();
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
        // A client's mistake is not an error of the service: nothing at warning or above, and no stack trace (issue 23).
        Assert.DoesNotContain(newLines, l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error",
            StringComparison.Ordinal)
            || l.StartsWith("Critical", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
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

/// <summary>Issue 23, finding 4: every query rule and limit applies to every form of $expand ($ref, nested) and of $apply.</summary>
public class ExpandRefRuleTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/odata/Facilities(1)?$expand=Placements/$ref($filter=Person/Cpr eq '130169-0961')", HttpStatusCode.Forbidden)]
    [InlineData("/odata/Facilities(1)?$expand=Placements($filter=Person/Cpr eq '130169-0961')", HttpStatusCode.Forbidden)]
    [InlineData("/odata/Facilities(1)?$expand=Placements/$ref($top=99999999)", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Facilities(1)?$expand=Units($expand=Placements/$ref($orderby=Person/Cpr))", HttpStatusCode.Forbidden)]
    public async Task StaffQueries_ThroughRef_MeetTheSameRules(string url, HttpStatusCode expected)
    {
        var reply = await api.Staff(1).GetAsync(url);
        Assert.True(reply.Status == expected, $"{(int)reply.Status} {reply.Body}");
    }

    [Fact]
    public async Task ALongFilterInsideRef_MeetsTheNodeLimit()
    {
        var filter = string.Join(" or ", Enumerable.Range(1, 150).Select(i => $"Id eq {i}"));
        var reply = await api.Staff(1).GetAsync($"/odata/Facilities(1)?$expand=Placements/$ref($filter={filter})");
        Assert.Equal((HttpStatusCode.BadRequest, "QueryLimitExceeded"), (reply.Status, reply.ErrorCode));
    }

    [Theory]
    [InlineData(HousingCapacity.Api.Security.Role.Committee)]
    [InlineData(HousingCapacity.Api.Security.Role.Administrator)]
    public async Task AggregatesOverStays_AreForbidden_ForRolesThatMayNotReadThem(HousingCapacity.Api.Security.Role role)
    {
        var reply = await api.As(role).GetAsync("/odata/Units?$apply=groupby((FacilityId),aggregate(Placements($count as n)))");
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
    }
}

/// <summary>Issue 23, finding 13: URL forms standard clients send.</summary>
public class UrlFormTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/odata/Facilities(Id=1)")]
    [InlineData("/odata/Facilities(Id=1)/Units")]
    [InlineData("/odata/Facilities(Id=1)/Name")]
    public async Task AKeyNamedAsTheModelNamesIt_IsTheSameKey(string url)
    {
        var named = await api.OData.GetAsync(url);
        var plain = await api.OData.GetAsync(url.Replace("(Id=1)", "(1)"));
        Assert.True(named.Status == HttpStatusCode.OK, named.Body);
        Assert.Equal(plain.Body, named.Body);
    }

    [Theory]
    [InlineData("/odata/$entity?$id=Facilities(1)")]
    [InlineData("/odata/$entity?$id=http://kommune.example/odata/Facilities(1)")]
    [InlineData("/odata/$entity?$id=Facilities(1)&$select=Name")]
    public async Task EntityById_IsTheEntity(string url)
    {
        var reply = await api.OData.GetAsync(url);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
        Assert.Equal(1, reply.Json.TryGetProperty("Id", out var id) ? id.GetInt32() : 1);
        Assert.False(string.IsNullOrEmpty(reply.Json.GetProperty("Name").GetString()));
    }

    [Fact]
    public async Task APropertyThroughASingleNavigation_AndItsRawValue_AreAnswered()
    {
        var facility = await api.OData.GetAsync("/odata/Units(1)/Facility");
        var name = facility.Json.GetProperty("Name").GetString();
        var property = await api.OData.GetAsync("/odata/Units(1)/Facility/Name");
        Assert.True(property.Status == HttpStatusCode.OK, property.Body);
        Assert.Equal(name, property.Json.GetProperty("value").GetString());
        var raw = await api.OData.GetAsync("/odata/Units(1)/Facility/Name/$value");
        Assert.True(raw.Status == HttpStatusCode.OK, raw.Body);
        Assert.Equal(name, raw.Body);
        // A person's CPR number is no more readable this way than directly.
        await using var db = api.NewDb();
        var stay = await db.Placements.Where(p => p.Facility!.MunicipalityId == 1).Select(p => p.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await api.OData.GetAsync($"/odata/Placements({stay})/Person/Cpr")).Status);
        // Staff may not read what the navigation leads to when its set is not theirs to read.
        Assert.Equal(HttpStatusCode.NotFound, (await api.OData.GetAsync("/odata/Units(999999)/Facility/Name")).Status);
    }

    [Fact]
    public async Task TheCountOfAFunctionsCollection_IsANumber()
    {
        var all = await api.OData.GetAsync("/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)");
        var count = await api.OData.GetAsync("/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)/$count");
        Assert.True(count.Status == HttpStatusCode.OK, count.Body);
        Assert.Equal(all.Value.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture), count.Body);
    }

    [Fact]
    public async Task ADateComparedWithAnInstant_IsRefusedInWords_NotInTypeNames()
    {
        var reply = await api.OData.GetAsync("/odata/BedHolds?$filter=HeldAt gt 2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.DoesNotContain("System.", reply.Body);
        Assert.Contains("tidspunkt", reply.ErrorMessage);
    }
}
