using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>Issue 28.1–2: transitions, known dates of losing a roof, recorded, worked and closed through the API, in scope.</summary>
public sealed class TransitionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Date(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    private async Task<ODataTestClient.Reply> RecordAsync(int person, LocalDate losesRoofOn, LocalDate? toldOn = null,
        ODataTestClient? client = null, string comingFrom = "Vestre Fængsel") =>
        await (client ?? api.OData).SendJsonAsync(HttpMethod.Post, "/odata/Transitions", $$"""
            {"PersonId":{{person}},"Kind":"PrisonRelease","LosesRoofOn":"{{Date(losesRoofOn)}}","ComingFrom":"{{comingFrom}}",
             "ToldBy":"Kriminalforsorgen"{{(toldOn is { } t ? $",\"ToldOn\":\"{Date(t)}\"" : "")}}}
            """);

    [Fact]
    public async Task ATransition_IsRecorded_OnTheWorklist_AndSecuredByAStayThatCoversTheNight()
    {
        var build = new Builders(api);
        var person = await build.PersonAsync(new LocalDate(1979, 2, 3));
        var night = ApiFixture.Today.PlusDays(10);
        var created = await RecordAsync(person, night);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json.GetProperty("Id").GetInt32();
        Assert.Equal(("Open", 1), (created.Json.GetProperty("Status").GetString(), created.Json.GetProperty("MunicipalityId").GetInt32()));

        var worklist = await api.OData.GetAsync("/odata/Transitions/HousingCapacity.Worklist()");
        Assert.Equal(HttpStatusCode.OK, worklist.Status);
        Assert.Contains(worklist.Json.GetProperty("value").EnumerateArray(), t => t.GetProperty("Id").GetInt32() == id);

        // A stay that begins after the night does not secure it; one that covers it does, once.
        var shelter = await build.FacilityAsync("Section110Shelter");
        await build.UnitAsync(shelter, beds: 2);
        var late = (await build.AllocateAsync(person, shelter, start: night.PlusDays(1), end: night.PlusDays(3))).Json.GetProperty("Id")
            .GetInt32();
        var missed = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Transitions({id})/HousingCapacity.Secure",
            $$"""{"placementId":{{late}}}""");
        Assert.Equal(("StayMissesTheNight", (HttpStatusCode)422), (missed.ErrorCode, missed.Status));
        var stay = (await build.AllocateAsync(person, shelter, start: night, end: night.PlusDays(1))).Json.GetProperty("Id").GetInt32();
        var secured = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Transitions({id})/HousingCapacity.Secure",
            $$"""{"placementId":{{stay}}}""");
        Assert.Equal(HttpStatusCode.OK, secured.Status);
        Assert.Equal("PlaceSecured", secured.Json.GetProperty("Status").GetString());
        var again = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Transitions({id})/HousingCapacity.Decline",
            """{"reason":"Vil selv finde noget"}""");
        Assert.Equal("TransitionClosed", again.ErrorCode);

        await using var db = api.NewDb();
        var saved = await db.Transitions.SingleAsync(t => t.Id == id);
        Assert.Equal((stay, ApiFixture.Today.ToDateOnly(), true), (saved.SecuredByPlacementId!.Value, saved.ClosedOn!.Value,
            saved.SecuredInTime));
        // Read as person data: the access log names the person.
        Assert.True(await db.AccessLogLines.AnyAsync(l => l.PersonId == person && l.Operation == "Read"));
    }

    [Fact]
    public async Task BadInput_IsRefusedInDanishAndEnglish_AndNothingIsSaved()
    {
        var person = await new Builders(api).PersonAsync(new LocalDate(1985, 6, 7));
        await using var db = api.NewDb();
        var before = await db.Transitions.CountAsync();

        var early = await RecordAsync(person, ApiFixture.Today.PlusDays(2), toldOn: ApiFixture.Today.PlusDays(3));
        Assert.Equal(((HttpStatusCode)422, "ToldInFuture"), (early.Status, early.ErrorCode));
        var before2 = await RecordAsync(person, ApiFixture.Today.PlusDays(-3), toldOn: ApiFixture.Today);
        Assert.Equal(((HttpStatusCode)422, "DateBeforeNotice"), (before2.Status, before2.ErrorCode));
        Assert.Contains("kan ikke ligge før den dag, kommunen fik besked", before2.Body);
        Assert.Contains("cannot be before the day the municipality was told", before2.Body);
        var cpr = await RecordAsync(person, ApiFixture.Today.PlusDays(5), comingFrom: "Vestre 130169-0961");
        Assert.Equal((HttpStatusCode.BadRequest, "CprInFreeText"), (cpr.Status, cpr.ErrorCode));
        Assert.DoesNotContain("0961", cpr.Body);
        var kind = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Transitions", $$"""
            {"PersonId":{{person}},"Kind":"Holiday","LosesRoofOn":"{{Date(ApiFixture.Today.PlusDays(5))}}","ComingFrom":"x","ToldBy":"y"}
            """);
        Assert.Equal(HttpStatusCode.BadRequest, kind.Status);
        var noReason = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Transitions(999999)/HousingCapacity.Decline", "{}");
        Assert.True(noReason.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, noReason.Body);

        await using var after = api.NewDb();
        Assert.Equal(before, await after.Transitions.CountAsync());
    }

    [Fact]
    public async Task ADatePassedWithoutAPlace_Lapses_AndADeclineNeedsWhatThePersonSaid()
    {
        var build = new Builders(api);
        var person = await build.PersonAsync(new LocalDate(1990, 8, 9));
        var passed = (await RecordAsync(person, ApiFixture.Today.PlusDays(-2), toldOn: ApiFixture.Today.PlusDays(-20))).Json
            .GetProperty("Id").GetInt32();
        var other = await build.PersonAsync(new LocalDate(1991, 8, 9));
        var declined = (await RecordAsync(other, ApiFixture.Today.PlusDays(3))).Json.GetProperty("Id").GetInt32();

        var worklist = await api.OData.GetAsync("/odata/Transitions/HousingCapacity.Worklist(days=7)");
        Assert.DoesNotContain(worklist.Json.GetProperty("value").EnumerateArray(), t => t.GetProperty("Id").GetInt32() == passed);
        var empty = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Transitions({declined})/HousingCapacity.Decline",
            """{"reason":" "}""");
        Assert.Equal(((HttpStatusCode)422, "Required"), (empty.Status, empty.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, (await api.OData.SendJsonAsync(HttpMethod.Post,
            $"/odata/Transitions({declined})/HousingCapacity.Decline", """{"reason":"Bor hos sin søster"}""")).Status);

        await using var db = api.NewDb();
        var lapsed = await db.Transitions.SingleAsync(t => t.Id == passed);
        Assert.Equal((TransitionStatus.Lapsed, ApiFixture.Today.PlusDays(-1).ToDateOnly()), (lapsed.Status, lapsed.ClosedOn!.Value));
        Assert.Equal(TransitionStatus.DeclinedByPerson, (await db.Transitions.SingleAsync(t => t.Id == declined)).Status);
        var bad = await api.OData.GetAsync("/odata/Transitions/HousingCapacity.Worklist(days=-1)");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task TheMunicipalitysOfficersWorkIt_ItsStaffMayRecordOne_NobodyElseSeesIt()
    {
        var person = await new Builders(api).PersonAsync(new LocalDate(1970, 10, 11));
        var id = (await RecordAsync(person, ApiFixture.Today.PlusDays(4))).Json.GetProperty("Id").GetInt32();

        var hvidovre = api.As(Role.HousingOfficer, 167);
        Assert.Equal(HttpStatusCode.NotFound, (await hvidovre.GetAsync($"/odata/Transitions({id})")).Status);
        Assert.DoesNotContain(id.ToString(), (await hvidovre.GetAsync("/odata/Transitions/HousingCapacity.Worklist()")).Body);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(Role.Committee).GetAsync("/odata/Transitions")).Status);
        var staff = api.Staff(1);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/odata/Transitions")).Status);
        // Staff record one for a person they can see (one staying at their place).
        await using var db = api.NewDb();
        var guest = await db.Placements.Where(p => p.FacilityId == 1 && p.EndDate == null && p.Person!.MunicipalityId == 1)
            .Select(p => p.PersonId).FirstAsync();
        var byStaff = await RecordAsync(guest, ApiFixture.Today.PlusDays(6), client: staff);
        Assert.Equal(HttpStatusCode.Created, byStaff.Status);
        var secure = await staff.SendJsonAsync(HttpMethod.Post,
            $"/odata/Transitions({byStaff.Json.GetProperty("Id").GetInt32()})/HousingCapacity.Decline", """{"reason":"Nej tak"}""");
        Assert.Equal(HttpStatusCode.Forbidden, secure.Status);
    }
}
