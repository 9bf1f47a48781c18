using NodaTime;

namespace HousingCapacity.Api.Tests;

public class BedHoldTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Builders _make = new(api);

    private Task<ODataTestClient.Reply> Hold(string json) => api.OData.SendJsonAsync(HttpMethod.Post, "/odata/BedHolds", json);

    private async Task<int> FreeTonight(int facility) =>
        (await api.OData.GetAsync(
            $"/odata/Facilities/HousingCapacity.Availability(date={ApiFixture.Today:yyyy-MM-dd})?$filter=FacilityId eq {facility}"))
        .Value[0].GetProperty("BedsFree").GetInt32();

    [Fact]
    public async Task AnonymousHold_KeepsTheBedFromOthers_UntilItExpires()
    {
        var facility = await _make.FacilityAsync("EmergencyBeds");
        await _make.UnitAsync(facility);
        var start = api.Clock.GetCurrentInstant();
        try
        {
            var hold = await Hold($$"""{"FacilityId":{{facility}},"Note":"På vej fra skadestuen"}""");
            Assert.Equal(HttpStatusCode.Created, hold.Status);
            Assert.Equal(start.Plus(Duration.FromMinutes(90)).ToDateTimeOffset(), hold.Json.GetProperty("ExpiresAt").GetDateTimeOffset());
            Assert.Equal(0, await FreeTonight(facility));
            var other = await _make.PersonAsync(ApiFixture.Today.PlusYears(-40));
            Assert.Equal(["FacilityFull"], (await _make.AllocateAsync(other, facility)).DetailCodes());
            Assert.Equal(HttpStatusCode.Conflict, (await Hold($$"""{"FacilityId":{{facility}}}""")).Status);

            api.Clock.Reset(start.Plus(Duration.FromMinutes(91)));
            Assert.Equal(1, await FreeTonight(facility));
            Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(other, facility)).Status);
        }
        finally
        {
            api.Clock.Reset(start);
        }
    }

    [Fact]
    public async Task NamedHold_IsUsedByThatPerson_AndRefusesEveryoneElse()
    {
        var facility = await _make.FacilityAsync("EmergencyBeds");
        var unit = await _make.UnitAsync(facility);
        var expected = await _make.PersonAsync(ApiFixture.Today.PlusYears(-33));
        var hold = await Hold($$"""{"UnitId":{{unit}},"PersonId":{{expected}}}""");
        Assert.Equal(HttpStatusCode.Created, hold.Status);
        var someoneElse = await _make.AllocateAsync(await _make.PersonAsync(ApiFixture.Today.PlusYears(-34)), unitId: unit);
        Assert.Equal(["UnitDoubleBooked"], someoneElse.DetailCodes());
        Assert.Contains("reserveret", someoneElse.Body);
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(expected, unitId: unit)).Status);
        var used = await api.OData.GetAsync($"/odata/BedHolds({hold.Json.GetProperty("Id").GetInt32()})");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, used.Json.GetProperty("ReleasedAt").ValueKind);
    }

    [Fact]
    public async Task ReleasedHold_FreesTheBed()
    {
        var facility = await _make.FacilityAsync("EmergencyBeds");
        await _make.UnitAsync(facility);
        var hold = await Hold($$"""{"FacilityId":{{facility}}}""");
        Assert.Equal(0, await FreeTonight(facility));
        var release = await api.OData.SendAsync(new HttpRequestMessage(HttpMethod.Delete,
            $"/odata/BedHolds({hold.Json.GetProperty("Id").GetInt32()})"));
        Assert.Equal(HttpStatusCode.NoContent, release.Status);
        Assert.Equal(1, await FreeTonight(facility));
    }

    [Theory]
    [InlineData("""{"FacilityId":1,"ExpiresAt":"2026-11-23T19:00:00Z"}""", 422)]
    [InlineData("""{"FacilityId":1,"ExpiresAt":"2026-11-22T18:00:00Z"}""", 422)]
    [InlineData("""{"PersonId":1}""", 400)]
    [InlineData("""{"UnitId":999999}""", 404)]
    [InlineData("""{"FacilityId":1,"Night":"2026-11-30"}""", 400)]
    public async Task Hold_InvalidRequest_Is4xx(string body, int status) =>
        Assert.Equal(status, (int)(await Hold(body)).Status);
}
