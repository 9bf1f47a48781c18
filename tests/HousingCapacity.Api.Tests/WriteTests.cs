using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>POST, PATCH, PUT and DELETE: what a client may change, and that a refused write changes nothing.</summary>
public class WriteTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>The catalogue as an Administrator, persons and waitlists as a housing officer of 175; capacity reports say who.</summary>
    private Task<ODataTestClient.Reply> Post(string set, string json, string? prefer = null, ODataTestClient? client = null) =>
        (client ?? (set is "Municipalities" or "Facilities" or "Units" ? api.Admin : api.OData)).SendJsonAsync(HttpMethod.Post,
            $"/odata/{set}", json, prefer: prefer);

    private async Task<int> NewFacilityAsync(string name)
    {
        var reply = await Post("Facilities",
            $$"""{"MunicipalityId":1,"Name":"{{name}}","Kind":"Section110Shelter","Address":"Testvej 1, 2610 Rødovre"}""");
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return reply.Json.GetProperty("Id").GetInt32();
    }

    private async Task<int> NewUnitAsync(int facilityId, int beds)
    {
        var reply = await Post("Units", $$"""{"FacilityId":{{facilityId}},"Label":"Værelse {{Guid.NewGuid():N}}","Beds":{{beds}}}""");
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return reply.Json.GetProperty("Id").GetInt32();
    }

    [Fact]
    public async Task PostFacility_Valid_Is201WithLocationAndETag()
    {
        var reply = await Post("Facilities", """{"MunicipalityId":1,"Name":"Ny","Kind":"EmergencyBeds","Address":"Vej 1"}""");
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        var id = reply.Json.GetProperty("Id").GetInt32();
        Assert.EndsWith($"/odata/Facilities({id})", reply.Headers.Location!.ToString());
        Assert.Equal("W/\"1\"", reply.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task PostFacility_PreferMinimal_Is204WithEntityId()
    {
        var reply = await Post("Facilities", """{"MunicipalityId":1,"Name":"Minimal","Kind":"EmergencyBeds","Address":"Vej 2"}""",
            prefer: "return=minimal");
        Assert.Equal(HttpStatusCode.NoContent, reply.Status);
        Assert.Contains("/odata/Facilities(", reply.Headers.GetValues("OData-EntityId").Single());
    }

    [Fact]
    public async Task Patch_WithCurrentETag_ChangesAndBumpsVersion_WithStaleETag_Is412()
    {
        var id = await NewFacilityAsync("Før");
        var patched = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({id})", """{"Name":"Efter","MaxAge":30}""",
            ifMatch: "W/\"1\"");
        Assert.Equal(HttpStatusCode.NoContent, patched.Status);
        Assert.Equal("W/\"2\"", patched.Headers.ETag!.ToString());
        var stale = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({id})", """{"Name":"Tabt opdatering"}""",
            ifMatch: "W/\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        var current = await api.Admin.GetAsync($"/odata/Facilities({id})");
        Assert.Equal("Efter", current.Json.GetProperty("Name").GetString());
        Assert.Equal(30, current.Json.GetProperty("MaxAge").GetInt32());
        Assert.Equal("Section110Shelter", current.Json.GetProperty("Kind").GetString());
    }

    [Fact]
    public async Task Patch_PreferRepresentation_Returns200WithTheRecord()
    {
        var id = await NewFacilityAsync("Repræsentation");
        var reply = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({id})", """{"IsActive":false}""",
            prefer: "return=representation");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(reply.Json.GetProperty("IsActive").GetBoolean());
    }

    [Fact]
    public async Task Put_ReplacesEveryWritableProperty_NullableLeftOutBecomesNull()
    {
        var id = await NewFacilityAsync("Put");
        await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({id})", """{"MinAge":18}""");
        var put = await api.Admin.SendJsonAsync(HttpMethod.Put, $"/odata/Facilities({id})",
            $$"""{"Id":{{id}},"MunicipalityId":1,"Name":"Put 2","Kind":"AkutBolig","Address":"Ny vej 3",""" +
                """ "GenderRestriction":"WomenOnly","IsActive":true}""");
        Assert.Equal(HttpStatusCode.NoContent, put.Status);
        var current = (await api.Admin.GetAsync($"/odata/Facilities({id})")).Json;
        Assert.Equal("AkutBolig", current.GetProperty("Kind").GetString());
        Assert.Equal(JsonValueKind.Null, current.GetProperty("MinAge").ValueKind);
        var missing = await api.Admin.SendJsonAsync(HttpMethod.Put, $"/odata/Facilities({id})", """{"Name":"Uden type","Address":"Vej"}""");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("MissingProperty", missing.ErrorCode);
    }

    [Fact]
    public async Task Delete_UnusedUnit_Is204_FacilityWithUnits_Is409AndKept()
    {
        var facility = await NewFacilityAsync("Slet");
        var unit = await NewUnitAsync(facility, 2);
        var blocked = await api.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/odata/Facilities({facility})"));
        Assert.Equal(HttpStatusCode.Conflict, blocked.Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.GetAsync($"/odata/Facilities({facility})")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete,
            $"/odata/Units({unit})"))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete,
            $"/odata/Facilities({facility})"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Admin.GetAsync($"/odata/Facilities({facility})")).Status);
    }

    [Fact]
    public async Task Delete_WithStaleETag_Is412()
    {
        var facility = await NewFacilityAsync("Slet med ETag");
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/odata/Facilities({facility})");
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"7\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.Admin.SendAsync(request)).Status);
    }

    [Theory]
    [InlineData("""{"MunicipalityId":1,"Name":"X","Kind":"Section110Shelter","Address":"Y","Colour":"red"}""", "InvalidBody")]
    [InlineData("""{"MunicipalityId":1,"Name":"X","Kind":"Section110Shelter","Address":"Y","Id":77}""", "ReadOnlyProperty")]
    [InlineData("""{"MunicipalityId":1,"Name":"X","Kind":"Section110Shelter","Address":"Y","Version":9}""", "ReadOnlyProperty")]
    [InlineData("""{"MunicipalityId":"one","Name":"X","Kind":"Section110Shelter","Address":"Y"}""", "InvalidBody")]
    [InlineData("""{"MunicipalityId":1,"Name":"X","Kind":"Castle","Address":"Y"}""", "InvalidEnumValue")]
    [InlineData("""{"MunicipalityId":1,"Name":"X","Address":"Y"}""", "MissingProperty")]
    [InlineData("""{"MunicipalityId":1,"Name":"X","Kind":"Section110Shelter","Address":"Y","MinAge":"2026-01-01"}""", "InvalidBody")]
    [InlineData("""{"MunicipalityId":1,"Name":"X","Kind":"Section110Shelter","Address":"Y","Units":[{"Label":"A","Beds":1}]}""",
        "DeepInsertNotSupported")]
    [InlineData("""{"MunicipalityId":1,"Name":"X","Kind":"Section110Shelter",""", "InvalidBody")]
    [InlineData("""[1,2,3]""", "InvalidBody")]
    public async Task PostFacility_InvalidBody_Is400AndCreatesNothing(string body, string code)
    {
        await using var db = api.NewDb();
        var before = await db.Facilities.CountAsync();
        var reply = await Post("Facilities", body);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(code, reply.ErrorCode);
        Assert.Equal(before, await db.Facilities.CountAsync());
    }

    [Fact]
    public async Task PostFacility_InvalidValues_Is422WithDetails()
    {
        var reply = await Post("Facilities",
            """{"MunicipalityId":1,"Name":"Ung","Kind":"YouthHousing","Address":"Vej","MinAge":25,"MaxAge":18}""");
        Assert.Equal((HttpStatusCode)422, reply.Status);
        Assert.Equal("InvalidAgeBand", reply.ErrorCode);
        Assert.Contains("Minimumsalderen", reply.ErrorMessage);
        Assert.Contains("MinAge must not be greater", reply.ErrorMessage);
        var unknownMunicipality = await Post("Facilities", """{"MunicipalityId":9999,"Name":"X","Kind":"YouthHousing","Address":"Vej"}""");
        Assert.Equal(HttpStatusCode.NotFound, unknownMunicipality.Status);
        Assert.Equal("ReferenceNotFound", unknownMunicipality.ErrorCode);
    }

    [Fact]
    public async Task Patch_ChangingMunicipalityOrId_IsRefused()
    {
        var id = await NewFacilityAsync("Flyt ikke");
        var reply = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({id})", """{"MunicipalityId":2}""");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("ReadOnlyProperty", reply.ErrorCode);
        var idChange = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({id})", """{"Id":1}""");
        Assert.Equal("ReadOnlyProperty", idChange.ErrorCode);
        // Echoing an unchanged read-only value is harmless.
        var echo = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({id})",
            $$"""{"Id":{{id}},"MunicipalityId":1,"Name":"Flyt ikke 2"}""");
        Assert.Equal(HttpStatusCode.NoContent, echo.Status);
    }

    [Fact]
    public async Task Post_WrongContentType_Is415()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/odata/Municipalities")
        {
            Content = new StringContent("Code=1",
            System.Text.Encoding.UTF8, "text/plain")
        };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await api.Admin.SendAsync(request)).Status);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Is413NamingTheLimit()
    {
        var reply = await Post("Municipalities", $$"""{"Code":900,"Name":"{{new string('x', 5000)}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Contains("MaxRequestBodyBytes", reply.ErrorMessage);
    }

    [Theory]
    [InlineData("PATCH", "/odata/Placements(1)")]
    [InlineData("DELETE", "/odata/Placements(1)")]
    [InlineData("PATCH", "/odata/Offers(1)")]
    [InlineData("PATCH", "/odata/Turnaways(1)")]
    [InlineData("POST", "/odata/Facilities(1)")]
    [InlineData("PATCH", "/odata/Facilities")]
    [InlineData("POST", "/odata/$metadata")]
    public async Task Write_WhereNotAllowed_Is405WithAllow(string method, string url)
    {
        var reply = await api.OData.SendJsonAsync(new HttpMethod(method), url, "{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.NotEmpty(reply.ContentHeaders!.Allow.Count > 0 ? reply.ContentHeaders.Allow : reply.Headers.GetValues("Allow"));
    }

    [Fact]
    public async Task PostCapacityReport_SameFacilityAndDate_Upserts()
    {
        var facility = await NewFacilityAsync("Kapacitet");
        await NewUnitAsync(facility, 6);
        await NewUnitAsync(facility, 4);
        var first = await Post("CapacityReports", $$"""{"FacilityId":{{facility}},"Date":"2026-11-22","BedsOccupied":7}""",
            client: api.Staff(facility));
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal($"test-ShelterStaff-175-{facility}", first.Json.GetProperty("ReportedBy").GetString()); // the token's user
        Assert.Equal(10, first.Json.GetProperty("BedsInService").GetInt32());
        Assert.Equal(0, first.Json.GetProperty("BedsOutOfService").GetInt32());
        var second = await Post("CapacityReports",
            $$"""{"FacilityId":{{facility}},"Date":"2026-11-22","BedsOccupied":8,"BedsInService":9,"BedsOutOfService":1}""",
            client: api.Staff(facility));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Json.GetProperty("Id").GetInt32(), second.Json.GetProperty("Id").GetInt32());
        Assert.Equal("W/\"2\"", second.Headers.ETag!.ToString());
        await using var db = api.NewDb();
        var report = await db.CapacityReports.SingleAsync(r => r.FacilityId == facility);
        Assert.Equal(8, report.BedsOccupied);
    }

    [Fact]
    public async Task PostCapacityReport_MoreThanTheFacilityHas_Is422AndKeepsTheOldReport()
    {
        var facility = await NewFacilityAsync("For mange");
        await NewUnitAsync(facility, 5);
        await Post("CapacityReports", $$"""{"FacilityId":{{facility}},"Date":"2026-11-21","BedsOccupied":3}""",
            client: api.Staff(facility));
        var reply = await Post("CapacityReports",
            $$"""{"FacilityId":{{facility}},"Date":"2026-11-21","BedsOccupied":4,"BedsInService":4,"BedsOutOfService":2}""",
            client: api.Staff(facility));
        Assert.Equal((HttpStatusCode)422, reply.Status);
        Assert.Equal("CountsExceedFacilityBeds", reply.ErrorCode);
        Assert.Contains("overstiger tilbuddets 5 senge", reply.ErrorMessage);
        await using var db = api.NewDb();
        Assert.Equal(3, (await db.CapacityReports.SingleAsync(r => r.FacilityId == facility)).BedsOccupied);
        var future = await Post("CapacityReports", $$"""{"FacilityId":{{facility}},"Date":"2026-11-23","BedsOccupied":1}""",
            client: api.Staff(facility));
        Assert.Equal("DateInFuture", future.ErrorCode);
    }

    [Fact]
    public async Task PostPerson_DerivesBirthDate_AndNeverEchoesTheCprInErrors()
    {
        var created = await Post("Persons", """{"Cpr":"290208-4123","FirstName":"Freja","LastName":"Holm","MunicipalityId":1}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("2008-02-29", created.Json.GetProperty("BirthDate").GetString());
        Assert.Equal("Male", created.Json.GetProperty("Gender").GetString()); // odd last digit: the CPR register's sex
        Assert.DoesNotContain("4123", created.Body);
        var duplicate = await Post("Persons", """{"Cpr":"290208-4123","FirstName":"Anden","LastName":"Holm","MunicipalityId":1}""");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.DoesNotContain("290208", duplicate.Body);
        var impossible = await Post("Persons", """{"Cpr":"300209-4123","FirstName":"X","LastName":"Y","MunicipalityId":1}""");
        Assert.Equal((HttpStatusCode)422, impossible.Status);
        Assert.Equal("InvalidCpr", impossible.ErrorCode);
        Assert.DoesNotContain("300209", impossible.Body);
        var birthDate = await Post("Persons",
            """{"Cpr":"010101-4123","FirstName":"X","LastName":"Y","MunicipalityId":1,"BirthDate":"1990-01-01"}""");
        Assert.Equal("ReadOnlyProperty", birthDate.ErrorCode);
    }

    [Fact]
    public async Task WaitlistEntries_SecondActiveEntryForSamePerson_Is409()
    {
        var waitlist = await Post("Waitlists", """{"MunicipalityId":1,"Name":"Test-venteliste","Kind":"SkaevBolig"}""");
        var waitlistId = waitlist.Json.GetProperty("Id").GetInt32();
        var first = await Post("WaitlistEntries", $$"""{"WaitlistId":{{waitlistId}},"PersonId":5,"Priority":"Urgent"}""");
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(ApiFixture.Today.ToString("yyyy-MM-dd", null), first.Json.GetProperty("AppliedOn").GetString());
        Assert.Equal("Waiting", first.Json.GetProperty("Status").GetString());
        var second = await Post("WaitlistEntries", $$"""{"WaitlistId":{{waitlistId}},"PersonId":5}""");
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("AlreadyOnWaitlist", second.ErrorCode);
    }

    [Fact]
    public async Task ConcurrentPatches_WithTheSameETag_ExactlyOneWins()
    {
        var id = await NewFacilityAsync("Kapløb");
        var attempts = Enumerable.Range(0, 8).Select(i =>
            api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({id})", $$"""{"Name":"Vinder {{i}}"}""", ifMatch: "W/\"1\""));
        var replies = await Task.WhenAll(attempts);
        Assert.Equal(1, replies.Count(r => r.Status == HttpStatusCode.NoContent));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.NoContent), r => Assert.Equal(HttpStatusCode.PreconditionFailed,
            r.Status));
        await using var db = api.NewDb();
        Assert.Equal(2, (await db.Facilities.SingleAsync(f => f.Id == id)).Version);
    }
}
