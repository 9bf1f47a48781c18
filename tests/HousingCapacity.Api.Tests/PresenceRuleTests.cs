using System.Text;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// A write may name only records the caller can read, checked before any rule runs; a record out of sight gets exactly the
/// answer a missing one gets. A person outside the caller's scope is brought in only by CheckIn with their CPR number.
/// (Issue 10, finding 1: an officer allocated a Hvidovre person at a Rødovre bed and then read their CPR number.)
/// </summary>
public class PresenceRuleTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int Hvidovre = 167;

    /// <summary>A person of Hvidovre a Rødovre officer cannot see: no stay at a Rødovre facility, ever.</summary>
    private async Task<Person> UnseenHvidovrePersonAsync(bool withCurrentStay, int skip = 0)
    {
        await using var db = api.NewDb();
        var hvidovre = await db.Municipalities.SingleAsync(m => m.Code == Hvidovre);
        var rodovre = await db.Municipalities.SingleAsync(m => m.Code == 175);
        // Over 30, so that only the rule a test means can refuse them (not the youth rule of the place).
        var over30 = ApiFixture.Today.PlusYears(-30).ToDateOnly();
        return await db.Persons.Where(p => p.MunicipalityId == hvidovre.Id && p.BirthDate < over30
                                           && !p.Placements.Any(s => s.Facility!.MunicipalityId == rodovre.Id)
                                           && p.Placements.Any(s => s.EndDate == null) == withCurrentStay)
            .OrderBy(p => p.Id).Skip(skip).FirstAsync();
    }

    private async Task<int> FreeRodovreFacilityAsync(string kind = "EmergencyBeds", int beds = 2)
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync(kind);
        await make.UnitAsync(facility, beds);
        return facility;
    }

    private async Task<int> PlacementsOfAsync(int personId)
    {
        await using var db = api.NewDb();
        return await db.Placements.CountAsync(p => p.PersonId == personId);
    }

    private static HttpRequestMessage CheckIn(string body, string? purpose = "Indskrivning ved døren") =>
        new(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            Headers = { { AccessLog.PurposeHeader, purpose } },
        };

    [Fact]
    public async Task Allocate_PersonOutOfScope_Is404LikeAMissingPerson_AndBringsNobodyIntoScope()
    {
        var person = await UnseenHvidovrePersonAsync(withCurrentStay: false);
        var facility = await FreeRodovreFacilityAsync();
        var stays = await PlacementsOfAsync(person.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await api.OData.GetAsync($"/odata/Persons({person.Id})")).Status);

        var unseen = await new Builders(api).AllocateAsync(person.Id, facility, start: new NodaTime.LocalDate(2027, 7, 1),
            end: new NodaTime.LocalDate(2027, 7, 2));
        var missing = await new Builders(api).AllocateAsync(99_999_999, facility, start: new NodaTime.LocalDate(2027, 7, 1),
            end: new NodaTime.LocalDate(2027, 7, 2));

        Assert.Equal(HttpStatusCode.NotFound, unseen.Status);
        Assert.Equal((missing.Status, missing.ErrorCode, "PersonId"), (unseen.Status, unseen.ErrorCode,
            unseen.Json.GetProperty("error").GetProperty("target").GetString()));
        Assert.Equal(stays, await PlacementsOfAsync(person.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await api.OData.GetAsync($"/odata/Persons({person.Id})?$select=Cpr")).Status);
        Assert.Equal(HttpStatusCode.NotFound,
            (await api.OData.GetAsync($"/odata/Persons({person.Id})/HousingCapacity.AccessLog()")).Status);
    }

    [Fact]
    public async Task Allocate_PersonOutOfScopeWithACurrentStay_Is404_NotPersonAlreadyPlaced()
    {
        var person = await UnseenHvidovrePersonAsync(withCurrentStay: true);
        var facility = await FreeRodovreFacilityAsync();
        var reply = await new Builders(api).AllocateAsync(person.Id, facility);
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("ReferenceNotFound", reply.ErrorCode);
        Assert.DoesNotContain("PersonAlreadyPlaced", reply.Body);
    }

    [Fact]
    public async Task BedHold_ForAPersonOutOfScope_Is404_AndHoldsNothing()
    {
        var person = await UnseenHvidovrePersonAsync(withCurrentStay: false, skip: 1);
        await using var db = api.NewDb();
        var hvidovreFacility = await db.Facilities.Where(f => f.Municipality!.Code == Hvidovre
            && f.IsActive).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
        var holdsBefore = await db.BedHolds.CountAsync();

        var reply = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/BedHolds",
            $$"""{"FacilityId":{{hvidovreFacility}},"PersonId":{{person.Id}}}""");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("ReferenceNotFound", reply.ErrorCode);
        await using var after = api.NewDb();
        Assert.Equal(holdsBefore, await after.BedHolds.CountAsync());
    }

    [Fact]
    public async Task Staff_AllocatingAtAnotherFacilitysFullUnit_Get404_NotTheRulesAnswer()
    {
        var make = new Builders(api);
        var own = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(own, beds: 2);
        var other = await make.FacilityAsync("EmergencyBeds");
        var otherUnit = await make.UnitAsync(other, beds: 1);
        Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(await make.PersonAsync(ApiFixture.Today.PlusYears(-40)),
            unitId: otherUnit)).Status);
        var staff = new Builders(api.Staff(own), api.Admin);
        // Someone who stayed here last week: staff see them.
        var person = await make.PersonAsync(ApiFixture.Today.PlusYears(-41));
        Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(person, own, start: ApiFixture.Today.PlusDays(-7),
            end: ApiFixture.Today.PlusDays(-5))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Staff(own).GetAsync($"/odata/Persons({person})")).Status);

        var reply = await staff.AllocateAsync(person, unitId: otherUnit);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("ReferenceNotFound", reply.ErrorCode);
        Assert.DoesNotContain("UnitDoubleBooked", reply.Body);
    }

    [Fact]
    public async Task CheckIn_WithTheCprNumber_BringsThePersonIn_AndLogsTheIdentificationWithItsPurpose()
    {
        var person = await UnseenHvidovrePersonAsync(withCurrentStay: false, skip: 2);
        var facility = await FreeRodovreFacilityAsync();
        await using var db = api.NewDb();
        var logBefore = await db.AccessLogLines.MaxAsync(l => (long?)l.Id) ?? 0;

        var reply = await api.OData.SendAsync(CheckIn($$"""{"cpr":"{{person.Cpr}}","facilityId":{{facility}}}"""));

        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
        Assert.Equal(person.Id, reply.Json.GetProperty("PersonId").GetInt32());
        Assert.Equal(facility, reply.Json.GetProperty("FacilityId").GetInt32());
        Assert.EndsWith($"/odata/Placements({reply.Json.GetProperty("Id").GetInt32()})", reply.Headers.Location!.ToString());
        // Now the person stays at a Rødovre place: the officer sees them.
        Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync($"/odata/Persons({person.Id})")).Status);
        await using var after = api.NewDb();
        var lines = await after.AccessLogLines.Where(l => l.Id > logBefore && l.PersonId == person.Id).OrderBy(l => l.Id).ToListAsync();
        var identified = Assert.Single(lines, l => l.Operation == $"IdentifyByCpr Person {person.Id}");
        Assert.Equal("Indskrivning ved døren", identified.Purpose);
        Assert.Equal("HousingOfficer", identified.Role);
        Assert.Contains(lines, l => l.Operation.StartsWith("Create Placement", StringComparison.Ordinal));
        Assert.DoesNotContain(person.Cpr!, identified.Request);
    }

    [Fact]
    public async Task CheckIn_RefusedByTheRules_StillLogsTheIdentification_AndSavesNoStay()
    {
        var person = await UnseenHvidovrePersonAsync(withCurrentStay: true, skip: 1);
        var facility = await FreeRodovreFacilityAsync();
        await using var db = api.NewDb();
        var logBefore = await db.AccessLogLines.MaxAsync(l => (long?)l.Id) ?? 0;
        var stays = await PlacementsOfAsync(person.Id);

        var reply = await api.OData.SendAsync(CheckIn($$"""{"cpr":"{{person.Cpr}}","facilityId":{{facility}}}"""));

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Contains("PersonAlreadyPlaced", reply.DetailCodes());
        Assert.Equal(stays, await PlacementsOfAsync(person.Id));
        await using var after = api.NewDb();
        var line = Assert.Single(await after.AccessLogLines.Where(l => l.Id > logBefore && l.PersonId == person.Id).ToListAsync());
        Assert.Equal($"IdentifyByCpr Person {person.Id}", line.Operation);
    }

    [Fact]
    public async Task CheckIn_UnknownCprNumber_Is404_AndAnotherMunicipalitysDoor_Is403BeforeTheNumberIsLookedUp()
    {
        var facility = await FreeRodovreFacilityAsync();
        var unknown = await api.OData.SendAsync(CheckIn($$"""{"cpr":"{{Builders.Cpr(new NodaTime.LocalDate(1971, 3, 3), true)[..8]}}99""" +
            $$"""9","facilityId":{{facility}}}"""));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("PersonNotFound", unknown.ErrorCode);

        var person = await UnseenHvidovrePersonAsync(withCurrentStay: false, skip: 3);
        await using var db = api.NewDb();
        var hvidovreFacility = await db.Facilities.Where(f => f.Municipality!.Code == Hvidovre).OrderBy(f => f.Id).Select(f => f.Id)
            .FirstAsync();
        var logBefore = await db.AccessLogLines.MaxAsync(l => (long?)l.Id) ?? 0;
        var elsewhere = await api.OData.SendAsync(CheckIn($$"""{"cpr":"{{person.Cpr}}","facilityId":{{hvidovreFacility}}}"""));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.Status);
        await using var after = api.NewDb();
        Assert.False(await after.AccessLogLines.AnyAsync(l => l.Id > logBefore && l.PersonId == person.Id));

        var noDoor = await api.OData.SendAsync(CheckIn($$"""{"cpr":"{{person.Cpr}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, noDoor.Status);
    }

    [Fact]
    public async Task Staff_CheckIn_AtTheirOwnFacility_FindsAPersonTheyCouldNotSee()
    {
        var person = await UnseenHvidovrePersonAsync(withCurrentStay: false, skip: 4);
        var facility = await FreeRodovreFacilityAsync();
        var staff = api.Staff(facility);
        Assert.Equal(HttpStatusCode.NotFound, (await new Builders(staff, api.Admin).AllocateAsync(person.Id, facility)).Status);

        var reply = await staff.SendAsync(CheckIn($$"""{"cpr":"{{person.Cpr}}","facilityId":{{facility}}}"""));

        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/odata/Persons({person.Id})")).Status);
        // The GDPR export stays with the municipality responsible for the person.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await api.OData.GetAsync($"/odata/Persons({person.Id})/HousingCapacity.AccessLog()")).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.As(Role.HousingOfficer,
            Hvidovre).GetAsync($"/odata/Persons({person.Id})/HousingCapacity.AccessLog()")).Status);
    }
}
