using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>The API with its default cap of five standing holds a user.</summary>
public sealed class HoldCapFixture : ApiFixture
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("BedHolds:MaxOpenPerUser", "5")];
}

/// <summary>
/// Issue 23, finding 14: an officer checks in someone without a CPR number at their municipality's places (as README says), and
/// one user has at most BedHolds:MaxOpenPerUser holds standing, so that nobody holds the last bed of every municipality.
/// </summary>
public class HoldCapTests(HoldCapFixture api) : IClassFixture<HoldCapFixture>
{
    [Fact]
    public async Task Officer_ChecksInSomeoneWithoutCpr_AtTheirOwnPlace_RegisteredInTheirMunicipality()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, 2);
        var reply = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
            $$"""{"facilityId":{{facility}},"alias":"Marek","gender":"Male","birthYear":1979}""");
        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
        await using var db = api.NewDb();
        var person = await db.Persons.SingleAsync(p => p.Id == reply.Json.GetProperty("PersonId").GetInt32());
        Assert.Equal(1, person.MunicipalityId);
    }

    [Fact]
    public async Task AUser_HasAtMostFiveHoldsStanding_AndMayHoldAgainAfterReleasingOne()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, 10);
        var officer = api.OData.WithToken(ApiFixture.TokenFor("hold-cap-officer", Role.HousingOfficer));
        var holds = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var hold = await officer.SendJsonAsync(HttpMethod.Post, "/odata/BedHolds", $$"""{"FacilityId":{{facility}}}""");
            Assert.True(hold.Status == HttpStatusCode.Created, hold.Body);
            holds.Add(hold.Json.GetProperty("Id").GetInt32());
        }
        var sixth = await officer.SendJsonAsync(HttpMethod.Post, "/odata/BedHolds", $$"""{"FacilityId":{{facility}}}""");
        Assert.Equal((HttpStatusCode.Conflict, "TooManyHolds"), (sixth.Status, sixth.ErrorCode));
        Assert.Equal(HttpStatusCode.NoContent, (await officer.SendAsync(new HttpRequestMessage(HttpMethod.Delete,
            $"/odata/BedHolds({holds[0]})"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await officer.SendJsonAsync(HttpMethod.Post, "/odata/BedHolds",
            $$"""{"FacilityId":{{facility}}}""")).Status);
    }
}
