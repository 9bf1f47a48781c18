using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>
/// Issue 27.5: an officer finishes their work on the pages: a stay's handlekommune, its end or its cancellation; a CPR number added;
/// two records merged; their holds listed and released; a search that pages through every match. Each refusal leaves the data as
/// it was.
/// </summary>
public sealed class OfficerActionsPageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AStay_GetsANewHandlekommune_WithAReason_ThenEnds()
    {
        var build = new Builders(api);
        var facility = await build.FacilityAsync("HousingFirst");
        await build.UnitAsync(facility);
        var person = await build.PersonAsync(new NodaTime.LocalDate(1966, 3, 4));
        var stayId = (await build.AllocateAsync(person, facility, supportMethod: "ICM")).Json.GetProperty("Id").GetInt32();
        int otherCode;
        await using (var db = api.NewDb()) otherCode = await db.Municipalities.Where(m => m.Code != 175).Select(m => m.Code).FirstAsync();
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var page = $"/sagsbehandler/ophold/{stayId}";
        Assert.Contains("Handlekommune", await officer.Http.GetStringAsync(page));

        using var noReason = await officer.PostFormAsync($"{page}?handler=Municipality",
            new() { ["MunicipalityCode"] = otherCode.ToString(), ["MunicipalityReason"] = "" }, page);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Skriv hvorfor handlekommunen skiftes.", await noReason.Content.ReadAsStringAsync());
        await using (var db = api.NewDb())
            Assert.Null((await db.Placements.SingleAsync(p => p.Id == stayId)).ResponsibleMunicipalityReason);

        // Ended first (the stay then leaves this municipality's scope when its handlekommune moves).
        using var ended = await officer.PostFormAsync($"{page}?handler=End", new()
        {
            ["EndDate"] = ApiFixture.Today.PlusDays(1).ToString("yyyy-MM-dd", null), ["DischargeReason"] = "Planned",
            ["Destination"] = "OwnHome",
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        using var moved = await officer.PostFormAsync($"{page}?handler=Municipality",
            new() { ["MunicipalityCode"] = "0", ["MunicipalityReason"] = "Opholdskommunen er uafklaret efter flytning" }, page);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        await using var after = api.NewDb();
        var stay = await after.Placements.SingleAsync(p => p.Id == stayId);
        Assert.Equal(ApiFixture.Today.PlusDays(1).ToDateOnly(), stay.EndDate);
        Assert.Equal((DischargeReason.Planned, Destination.OwnHome), (stay.DischargeReason!.Value, stay.Destination!.Value));
        Assert.Null(stay.ResponsibleMunicipalityId);
        Assert.Equal("Opholdskommunen er uafklaret efter flytning", stay.ResponsibleMunicipalityReason);
    }

    [Fact]
    public async Task AStayEnteredInError_IsCancelledOnlyWithAReasonAndAConfirmation()
    {
        var build = new Builders(api);
        var facility = await build.FacilityAsync("EmergencyBeds");
        await build.UnitAsync(facility);
        var person = await build.PersonAsync(new NodaTime.LocalDate(1972, 5, 6));
        var stayId = (await build.AllocateAsync(person, facility)).Json.GetProperty("Id").GetInt32();
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var page = $"/sagsbehandler/ophold/{stayId}";

        using var unconfirmed = await officer.PostFormAsync($"{page}?handler=Cancel",
            new() { ["CancelReason"] = "Registreret på den forkerte person" }, page);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        using var shortReason = await officer.PostFormAsync($"{page}?handler=Cancel",
            new() { ["CancelReason"] = "fejl", ["CancelConfirmed"] = "true" }, page);
        Assert.Equal(HttpStatusCode.BadRequest, shortReason.StatusCode);
        Assert.Contains("Skriv hvorfor opholdet annulleres (mindst 10 tegn)", await shortReason.Content.ReadAsStringAsync());
        await using (var db = api.NewDb()) Assert.True(await db.Placements.AnyAsync(p => p.Id == stayId));

        using var cancelled = await officer.PostFormAsync($"{page}?handler=Cancel",
            new() { ["CancelReason"] = "Registreret på den forkerte person", ["CancelConfirmed"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal($"/sagsbehandler/person/{person}", cancelled.Headers.Location!.OriginalString);
        await using var after = api.NewDb();
        Assert.False(await after.Placements.AnyAsync(p => p.Id == stayId));
    }

    [Fact]
    public async Task ARecordWithoutCpr_GetsItsNumber_OrIsMergedIntoTheRecordThatHasIt()
    {
        var build = new Builders(api);
        var (withCpr, cpr) = await build.RegisterAsync(new NodaTime.LocalDate(1968, 7, 8));
        var alias = $"Kaj{Guid.NewGuid():N}"[..12];
        var registered = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Persons/HousingCapacity.RegisterWithoutCpr",
            $$"""{"alias":"{{alias}}","gender":"Male","birthYear":1968}""");
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        var without = registered.Json.GetProperty("Id").GetInt32();
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var page = $"/sagsbehandler/person/{without}";

        // The number belongs to another record: refused, nothing changed, and the number is not written back into the page.
        using var taken = await officer.PostFormAsync($"{page}?handler=Cpr", new() { ["NewCpr"] = cpr }, page);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var refusal = await taken.Content.ReadAsStringAsync();
        Assert.Contains("slå de to registreringer sammen", refusal);
        Assert.DoesNotContain(cpr, refusal);
        Assert.DoesNotContain("MergeInto", refusal);

        // Found by the CPR number, chosen, and confirmed: the record without a number goes into the one with it.
        using var found = await officer.PostFormAsync($"{page}?handler=MergeSearch", new() { ["MergeQuery"] = cpr }, page);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains($"name=\"MergeTargetId\" value=\"{withCpr}\"", await found.Content.ReadAsStringAsync());
        using var unconfirmed = await officer.PostFormAsync($"{page}?handler=Merge",
            new() { ["MergeQuery"] = cpr, ["MergeTargetId"] = withCpr.ToString() }, page);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Bekræft at de to registreringer er samme person.", await unconfirmed.Content.ReadAsStringAsync());
        await using (var db = api.NewDb()) Assert.Null((await db.Persons.SingleAsync(p => p.Id == without)).MergedIntoId);
        using var merged = await officer.PostFormAsync($"{page}?handler=Merge",
            new() { ["MergeQuery"] = cpr, ["MergeTargetId"] = withCpr.ToString(), ["MergeConfirmed"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal($"/sagsbehandler/person/{withCpr}", merged.Headers.Location!.OriginalString);
        await using (var db = api.NewDb()) Assert.Equal(withCpr, (await db.Persons.SingleAsync(p => p.Id == without)).MergedIntoId);

        // Another record without a number gets one of its own.
        var fresh = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Persons/HousingCapacity.RegisterWithoutCpr",
            """{"alias":"Ukendt mand","gender":"Male","estimatedAge":50}""");
        var freshId = fresh.Json.GetProperty("Id").GetInt32();
        var newCpr = Builders.Cpr(new NodaTime.LocalDate(1976, 9, 10), male: true);
        var freshPage = $"/sagsbehandler/person/{freshId}";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"{freshPage}?handler=Cpr", new() { ["NewCpr"] = newCpr },
            freshPage)).StatusCode);
        await using var after = api.NewDb();
        Assert.True((await after.Persons.SingleAsync(p => p.Id == freshId)).HasCpr);
    }

    [Fact]
    public async Task AnOfficer_SeesTheirHolds_AndReleasesOne()
    {
        var build = new Builders(api);
        var facility = await build.FacilityAsync("EmergencyBeds");
        await build.UnitAsync(facility);
        var person = await build.PersonAsync(new NodaTime.LocalDate(1980, 1, 2));
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var findPlace = $"/sagsbehandler/person/{person}/find-plads";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"{findPlace}?handler=Hold",
            new() { ["FacilityId"] = facility.ToString() }, findPlace)).StatusCode);
        int holdId;
        await using (var db = api.NewDb()) holdId = await db.BedHolds.Where(h => h.PersonId == person).Select(h => h.Id).SingleAsync();

        var list = await officer.Http.GetStringAsync("/sagsbehandler/reservationer");
        var mine = list[list.IndexOf("Mine reservationer", StringComparison.Ordinal)..];
        Assert.Contains($"name=\"HoldId\" value=\"{holdId}\"", mine);
        Assert.Contains($"/sagsbehandler/person/{person}", mine);

        using var released = await officer.PostFormAsync("/sagsbehandler/reservationer?handler=Release",
            new() { ["HoldId"] = holdId.ToString() }, "/sagsbehandler/reservationer");
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        await using (var db = api.NewDb()) Assert.False(await db.BedHolds.AnyAsync(h => h.Id == holdId));
        Assert.Contains("er ophævet; sengen er ledig igen", await officer.Http.GetStringAsync("/sagsbehandler/reservationer"));

        // Released twice (another tab): a clear answer, not an error page.
        using var again = await officer.PostFormAsync("/sagsbehandler/reservationer?handler=Release",
            new() { ["HoldId"] = holdId.ToString() }, "/sagsbehandler/reservationer");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("Reservationen findes ikke længere", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSearch_CountsEveryMatch_AndPagesThroughThem()
    {
        // Letters only: a digit would make the search read it as a CPR number.
        var surname = "Sidetest" + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + c % 16)));
        await using (var db = api.NewDb())
        {
            for (var i = 0; i < 27; i++)
                db.Persons.Add(Person.WithoutCpr($"Navn{i:00}", Gender.Female, 1950 + i, null, ApiFixture.Today, 1, $"Navn{i:00}",
                    surname));
            await db.SaveChangesAsync();
        }
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        using var first = await officer.PostFormAsync("/sagsbehandler", new() { ["Query"] = surname }, "/sagsbehandler");
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("27 personer fundet", html);
        Assert.Contains("Viser 1–25 af 27 (side 1 af 2).", html);
        Assert.Contains("født 1950", html);
        Assert.Contains("ingen plads i nat", html);
        Assert.Equal(25, html.Split("(alias)</a>").Length - 1);

        using var second = await officer.PostFormAsync("/sagsbehandler", new() { ["Query"] = surname, ["side"] = "2" }, "/sagsbehandler");
        var rest = await second.Content.ReadAsStringAsync();
        Assert.Contains("Viser 26–27 af 27 (side 2 af 2).", rest);
        Assert.Equal(2, rest.Split("(alias)</a>").Length - 1);
    }
}
