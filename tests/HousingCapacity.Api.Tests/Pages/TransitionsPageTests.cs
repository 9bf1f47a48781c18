using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>Issue 28.2: the officer records a transition on the person's page, finds it on the worklist, and closes it there: a
/// place secured in one step, or the person's no.</summary>
public sealed class TransitionsPageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ATransition_IsRecordedOnThePersonsPage_ListedSoon_AndSecuredFromTheWorklist()
    {
        var build = new Builders(api);
        var person = await build.PersonAsync(new LocalDate(1975, 3, 4));
        var night = ApiFixture.Today.PlusDays(5);
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var page = $"/sagsbehandler/person/{person}";

        using var missing = await officer.PostFormAsync($"{page}?handler=Transition",
            new() { ["TransitionKind"] = "PsychiatryDischarge", ["ComingFrom"] = "Psykiatrisk Center Glostrup" }, page);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Skriv datoen, personen mister sit tag over hovedet.", await missing.Content.ReadAsStringAsync());
        using var recorded = await officer.PostFormAsync($"{page}?handler=Transition", new()
        {
            ["TransitionKind"] = "PsychiatryDischarge", ["LosesRoofOn"] = night.ToString("yyyy-MM-dd", null),
            ["ComingFrom"] = "Psykiatrisk Center Glostrup", ["ToldBy"] = "Udskrivningskoordinator",
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        const string list = "/sagsbehandler/overgange";
        var html = await officer.Http.GetStringAsync(list);
        var later = html.IndexOf("<h2>Senere", StringComparison.Ordinal);
        var soon = later > 0 ? html[..later] : html;
        Assert.Contains($"/sagsbehandler/person/{person}", soon);
        Assert.Contains("Udskrivning fra psykiatrien fra Psykiatrisk Center Glostrup", soon);
        Assert.Contains("om 5 dage", soon);
        Assert.Matches(@"5 dages\s+varsel", soon);
        Assert.Contains("Personen har endnu intet ophold", soon);

        // A stay for the night, allocated ahead; then one step on the worklist marks it secured.
        var shelter = await build.FacilityAsync("Section110Shelter");
        await build.UnitAsync(shelter, beds: 1);
        var stay = (await build.AllocateAsync(person, shelter, start: night, end: night.PlusDays(2))).Json.GetProperty("Id").GetInt32();
        int id;
        await using (var db = api.NewDb()) id = await db.Transitions.Where(t => t.PersonId == person).Select(t => t.Id).SingleAsync();
        Assert.Contains($"value=\"placement-{stay}\"", await officer.Http.GetStringAsync(list));
        using var secured = await officer.PostFormAsync($"{list}?handler=Secure",
            new() { ["TransitionId"] = id.ToString(), ["SecuredBy"] = $"placement-{stay}" }, list);
        Assert.Equal(HttpStatusCode.Redirect, secured.StatusCode);
        await using var after = api.NewDb();
        var t = await after.Transitions.SingleAsync(x => x.Id == id);
        Assert.Equal((TransitionStatus.PlaceSecured, stay), (t.Status, t.SecuredByPlacementId!.Value));
        Assert.Contains("Plads sikret", await officer.Http.GetStringAsync(page));
    }

    [Fact]
    public async Task ADecline_OnTheWorklist_NeedsWhatThePersonSaid()
    {
        var person = await new Builders(api).PersonAsync(new LocalDate(1966, 5, 6));
        var created = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Transitions", $$"""
            {"PersonId":{{person}},"Kind":"Eviction","LosesRoofOn":"{{ApiFixture.Today.PlusDays(30):yyyy-MM-dd}}",
             "ComingFrom":"Lejlighed i Rødovre","ToldBy":"Fogedretten i Glostrup"}
            """);
        var id = created.Json.GetProperty("Id").GetInt32();
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        const string list = "/sagsbehandler/overgange";
        var html = await officer.Http.GetStringAsync(list);
        Assert.Contains("<h2>Senere (", html);
        using var noReason = await officer.PostFormAsync($"{list}?handler=Decline", new() { ["TransitionId"] = id.ToString() }, list);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Skriv hvad personen sagde", await noReason.Content.ReadAsStringAsync());
        using var declined = await officer.PostFormAsync($"{list}?handler=Decline",
            new() { ["TransitionId"] = id.ToString(), ["Reason"] = "Flytter ind hos sin datter" }, list);
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        await using var db = api.NewDb();
        Assert.Equal(TransitionStatus.DeclinedByPerson, (await db.Transitions.SingleAsync(t => t.Id == id)).Status);
    }

    [Fact]
    public async Task ABedHeldTonight_FromFindAPlace_SecuresTheTransitionForTonight()
    {
        var build = new Builders(api);
        var person = await build.PersonAsync(new LocalDate(1981, 7, 8));
        var beds = await build.FacilityAsync("EmergencyBeds");
        await build.UnitAsync(beds, beds: 2);
        var created = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Transitions", $$"""
            {"PersonId":{{person}},"Kind":"HospitalDischarge","LosesRoofOn":"{{ApiFixture.Today:yyyy-MM-dd}}",
             "ComingFrom":"Hvidovre Hospital","ToldBy":"Socialrådgiver på hospitalet"}
            """);
        var id = created.Json.GetProperty("Id").GetInt32();
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var findPlace = $"/sagsbehandler/person/{person}/find-plads";
        using var held = await officer.PostFormAsync($"{findPlace}?handler=Hold", new() { ["FacilityId"] = beds.ToString() }, findPlace);
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        Assert.Contains("Overgangen i nat er markeret som sikret.", await officer.Http.GetStringAsync(findPlace));
        await using var db = api.NewDb();
        var hold = await db.BedHolds.SingleAsync(h => h.PersonId == person);
        var t = await db.Transitions.SingleAsync(x => x.Id == id);
        Assert.Equal((TransitionStatus.PlaceSecured, hold.Id), (t.Status, t.SecuredByBedHoldId!.Value));
    }
}
