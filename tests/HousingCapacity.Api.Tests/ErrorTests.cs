namespace HousingCapacity.Api.Tests;

/// <summary>Bad input gets a clear 4xx OData error, never a 500, and limits say which limit was passed.</summary>
public class ErrorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/odata/Facilities?$top=501", "MaxTop")]
    [InlineData("/odata/Facilities?$expand=Units($expand=Placements($expand=Person($expand=Placements)))", "MaxExpandDepth")]
    [InlineData("/odata/Facilities?$expand=Units($top=501)", "MaxTop")]
    public async Task Query_PastALimit_Is400NamingTheLimit(string url, string limit)
    {
        var reply = await api.OData.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("QueryLimitExceeded", reply.ErrorCode);
        Assert.Contains(limit, reply.ErrorMessage);
    }

    [Theory]
    [InlineData("/odata/Facilities(2)?$expand=Placements($top=4;$expand=Person($select=Id))")]
    [InlineData("/odata/Facilities?$expand=Placements($skip=1;$expand=Unit)")]
    public async Task Expand_PagedCollectionThenASingleRecord_Is400NotSupported(string url)
    {
        var reply = await api.OData.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("NotSupported", reply.ErrorCode);
        // The same without paging, or paging with a collection below it, works.
        Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync(url.Replace("$top=4;", "").Replace("$skip=1;", ""))).Status);
        Assert.Equal(HttpStatusCode.OK,
            (await api.OData.GetAsync("/odata/Municipalities?$expand=Facilities($top=2;$expand=Units)")).Status);
    }

    [Fact]
    public async Task Filter_WithTooManyNodes_Is400NamingTheLimit()
    {
        var filter = string.Join(" or ", Enumerable.Range(1, 60).Select(i => $"Id eq {i}"));
        var reply = await api.OData.GetAsync("/odata/Facilities?$filter=" + Uri.EscapeDataString(filter));
        Assert.Equal("QueryLimitExceeded", reply.ErrorCode);
        Assert.Contains("MaxFilterNodes", reply.ErrorMessage);
    }

    [Theory]
    [InlineData("/odata/Nowhere", 404)]
    [InlineData("/odata/Facilities(1)/Nowhere", 404)]
    [InlineData("/odata/Facilities('abc')", 400)]
    [InlineData("/odata/Facilities(1.5)", 400)]
    [InlineData("/odata/Facilities(99999999999)", 400)]
    [InlineData("/odata/Facilities?$filter=", 400)]
    [InlineData("/odata/Facilities?$filter=Name eq", 400)]
    [InlineData("/odata/Facilities?$filter=Nope eq 1", 400)]
    [InlineData("/odata/Facilities?$filter=Name eq 1", 400)]
    [InlineData("/odata/Facilities?$filter=Name gt 'a' and", 400)]
    [InlineData("/odata/Facilities?$filter=Kind eq 'Castle'", 400)]
    [InlineData("/odata/Facilities?$filter=Kind gt 'SkaevBolig'", 400)]
    [InlineData("/odata/Facilities?$filter=Id", 400)]
    [InlineData("/odata/Facilities?$filter=contains(Id,'1')", 400)]
    [InlineData("/odata/Facilities?$filter=Units/any(u:u/Nope eq 1)", 400)]
    [InlineData("/odata/Facilities?$filter=geo.distance(Name,Name) lt 1", 400)]
    [InlineData("/odata/Placements?$filter=StartDate gt 2026-13-45", 400)]
    [InlineData("/odata/Placements?$filter=StartDate gt 2026-02-30", 400)]
    [InlineData("/odata/Placements?$filter=hour(StartDate) eq 1", 400)]
    [InlineData("/odata/Facilities?$orderby=Nope", 400)]
    [InlineData("/odata/Facilities?$orderby=Name sideways", 400)]
    [InlineData("/odata/Facilities?$orderby=Units", 400)]
    [InlineData("/odata/Facilities?$select=Nope", 400)]
    [InlineData("/odata/Facilities?$expand=Nope", 400)]
    [InlineData("/odata/Facilities?$expand=Units($filter=Nope eq 1)", 400)]
    [InlineData("/odata/Facilities?$top=-1", 400)]
    [InlineData("/odata/Facilities?$top=abc", 400)]
    [InlineData("/odata/Facilities?$skip=-5", 400)]
    [InlineData("/odata/Facilities?$skip=99999999999999999999", 400)]
    [InlineData("/odata/Facilities?$count=maybe", 400)]
    [InlineData("/odata/Facilities?$search=shelter", 400)]
    [InlineData("/odata/Facilities?$foo=1", 400)]
    [InlineData("/odata/Facilities?$top=1&$top=2", 400)]
    [InlineData("/odata/Facilities?$format=atom", 406)]
    [InlineData("/odata/Facilities?$apply=groupby((Nope))", 400)]
    [InlineData("/odata/Facilities?$apply=groupby((Kind),aggregate(Name with sum as S))", 400)]
    [InlineData("/odata/Facilities?$apply=aggregate(Id with sum as S)&$orderby=Nope", 400)]
    [InlineData("/odata/Facilities?$apply=groupby((Kind))&$filter=Id eq 1", 400)]
    [InlineData("/odata/Facilities(1)?$apply=groupby((Kind))", 400)]
    [InlineData("/odata/Facilities/$count/$value", 404)]
    [InlineData("/odata/Persons(1)/Cpr", 403)]
    [InlineData("/odata/Persons?$filter=Cpr gt '010101-1234'", 400)]
    public async Task MalformedRequest_GetsA4xxODataError(string url, int status)
    {
        var reply = await api.OData.GetAsync(url);
        Assert.Equal(status, (int)reply.Status);
        Assert.False(string.IsNullOrEmpty(reply.ErrorCode));
        Assert.Contains(" / ", reply.ErrorMessage); // Danish / English
        Assert.DoesNotContain("   at ", reply.Body); // no stack trace
    }

    [Fact]
    public async Task ErrorMessage_EchoingACprLikeLiteral_IsMasked()
    {
        var reply = await api.OData.GetAsync("/odata/Persons?$filter=" + Uri.EscapeDataString("Cpr eq '010190-0123' and and"));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.DoesNotContain("0123", reply.Body);
    }

    [Fact]
    public async Task Filter_ByCprWithInvalidDate_IsRejectedWithoutEchoingIt()
    {
        var reply = await api.OData.GetAsync("/odata/Persons?$filter=" + Uri.EscapeDataString("Cpr eq '320190-0123'"));
        Assert.Equal((HttpStatusCode)422, reply.Status);
        Assert.DoesNotContain("320190", reply.Body);
    }

    [Fact]
    public async Task Metadata_WithUnknownFormat_Is406()
    {
        var reply = await api.OData.GetAsync("/odata/$metadata?$format=csv");
        Assert.Equal(HttpStatusCode.NotAcceptable, reply.Status);
    }

    [Fact]
    public async Task Health_IsOpen()
    {
        var response = await api.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public class MetadataLevelTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/odata/Facilities?$top=2&$select=Name&$format=application/json;odata.metadata=full")]
    [InlineData("/odata/Facilities(1)?$expand=Units($top=1;$select=Label)&$format=application/json;odata.metadata=full")]
    [InlineData("/odata/Facilities?$top=2&$format=application/json;odata.metadata=none")]
    [InlineData("/odata/CapacityReports?$apply=groupby((Facility/Kind),aggregate(BedsOccupied with sum as " +
        "S))&$format=application/json;odata.metadata=full")]
    public async Task Get_AtEveryMetadataLevel_IsReadable(string url)
    {
        var reply = await api.OData.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task FullMetadata_WithoutTheKeySelected_StillGivesIds()
    {
        var reply = await api.OData.GetAsync("/odata/Facilities?$top=1&$select=Name&$format=application/json;odata.metadata=full");
        Assert.EndsWith("/odata/Facilities(1)", reply.Value[0].GetProperty("@odata.id").GetString());
    }
}
