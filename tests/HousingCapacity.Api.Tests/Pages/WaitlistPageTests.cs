using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>The officers' waitlist page does what the API's OfferNext, Decline and Accept do, with its refusals on the page.</summary>
public sealed class WaitlistPageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task WaitlistPage_OffersTheNext_ADeclineNeedsAReason_ThenTheNextAccepts()
    {
        var build = new Builders(api);
        var facility = await build.FacilityAsync("SkaevBolig");
        var unit = await build.UnitAsync(facility, beds: 1);
        // A list of its own, with two persons who have no stay elsewhere (so accepting can place them).
        var created = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Waitlists",
            """{"MunicipalityId":1,"Name":"Skæve boliger, test","Kind":"SkaevBolig"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var listId = created.Json.GetProperty("Id").GetInt32();
        foreach (var (birth, applied) in new[] { (new NodaTime.LocalDate(1970, 2, 3), "2026-01-05"), (new NodaTime.LocalDate(1969, 8, 9),
            "2026-02-10") })
        {
            var person = await build.PersonAsync(birth);
            Assert.Equal(HttpStatusCode.Created, (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/WaitlistEntries",
                $$"""{"WaitlistId":{{listId}},"PersonId":{{person}},"AppliedOn":"{{applied}}","Priority":"Normal"}""")).Status);
        }
        await using var db = api.NewDb();
        var list = await db.Waitlists.SingleAsync(w => w.Id == listId);
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var page = $"/sagsbehandler/ventelister?liste={list.Id}";
        Assert.Contains($"<option value=\"{unit}\">", await officer.Http.GetStringAsync(page));

        using var offered = await officer.PostFormAsync($"{page}&handler=Offer", new() { ["UnitId"] = unit.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        var first = await PendingOfferAsync(unit);

        using var noReason = await officer.PostFormAsync($"{page}&handler=Decline", new() { ["OfferId"] = first.Id.ToString(),
            ["Reason"] = " " },
            page);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Skriv hvorfor tilbuddet blev afslået.", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(OfferStatus.Pending, (await PendingOfferAsync(unit)).Status);

        // An answer is recorded only after the officer has seen whose offer and which unit it is.
        var decline = new Dictionary<string, string>
        {
            ["OfferId"] = first.Id.ToString(), ["Reason"] = "Ønsker en bolig tættere på familien",
        };
        using var asked = await officer.PostFormAsync($"{page}&handler=Decline", decline, page);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await asked.Content.ReadAsStringAsync();
        Assert.Contains("Har personen sagt nej?", question);
        Assert.Contains("Ønsker en bolig tættere på familien", question);
        Assert.Equal(OfferStatus.Pending, (await PendingOfferAsync(unit)).Status);
        decline["Confirmed"] = "true";
        using var declined = await officer.PostFormAsync($"{page}&handler=Decline", decline, page);
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        await using (var check = api.NewDb())
        {
            Assert.Equal(OfferStatus.Declined, (await check.Offers.SingleAsync(o => o.Id == first.Id)).Status);
            Assert.Equal(WaitlistEntryStatus.Waiting, (await check.WaitlistEntries.SingleAsync(e => e.Id == first.WaitlistEntryId)).Status);
        }

        // Offered again, the unit goes to the next in line (not to the one who declined it), who accepts.
        using var again = await officer.PostFormAsync($"{page}&handler=Offer", new() { ["UnitId"] = unit.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var second = await PendingOfferAsync(unit);
        Assert.NotEqual(first.WaitlistEntryId, second.WaitlistEntryId);
        using var askedAccept = await officer.PostFormAsync($"{page}&handler=Accept", new() { ["OfferId"] = second.Id.ToString() }, page);
        Assert.Equal(HttpStatusCode.OK, askedAccept.StatusCode);
        Assert.Contains("Har personen sagt ja?", await askedAccept.Content.ReadAsStringAsync());
        Assert.Equal(OfferStatus.Pending, (await PendingOfferAsync(unit)).Status);
        using var accepted = await officer.PostFormAsync($"{page}&handler=Accept",
            new() { ["OfferId"] = second.Id.ToString(), ["Confirmed"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await using var after = api.NewDb();
        var entry = await after.WaitlistEntries.SingleAsync(e => e.Id == second.WaitlistEntryId);
        Assert.Equal(WaitlistEntryStatus.Housed, entry.Status);
        Assert.True(await after.Placements.AnyAsync(p => p.UnitId == unit && p.PersonId == entry.PersonId));
    }

    [Fact]
    public async Task AnUrgentEntry_SaysWhyItGoesFirst_AndTheOfferNamesWhoGotIt()
    {
        var build = new Builders(api);
        var facility = await build.FacilityAsync("SkaevBolig");
        var unit = await build.UnitAsync(facility, beds: 1);
        var created = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Waitlists",
            """{"MunicipalityId":1,"Name":"Skæve boliger, hastende","Kind":"SkaevBolig"}""");
        var listId = created.Json.GetProperty("Id").GetInt32();
        var early = await build.PersonAsync(new NodaTime.LocalDate(1961, 4, 5));
        var urgent = await build.PersonAsync(new NodaTime.LocalDate(1975, 6, 7));
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var earlyPage = $"/sagsbehandler/person/{early}";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"{earlyPage}?handler=Waitlist",
            new() { ["JoinWaitlistId"] = listId.ToString() }, earlyPage)).StatusCode);

        // Urgent needs a reason the next officer can read; without one nothing is written.
        var urgentPage = $"/sagsbehandler/person/{urgent}";
        using var noReason = await officer.PostFormAsync($"{urgentPage}?handler=Waitlist",
            new() { ["JoinWaitlistId"] = listId.ToString(), ["JoinUrgent"] = "true" }, urgentPage);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Skriv hvorfor personen skal gå forud", await noReason.Content.ReadAsStringAsync());
        await using (var db = api.NewDb()) Assert.False(await db.WaitlistEntries.AnyAsync(e => e.PersonId == urgent));
        using var joined = await officer.PostFormAsync($"{urgentPage}?handler=Waitlist", new()
        {
            ["JoinWaitlistId"] = listId.ToString(), ["JoinUrgent"] = "true", ["JoinReason"] = "Udskrives fra psykiatrisk afdeling fredag",
        }, urgentPage);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);

        var page = $"/sagsbehandler/ventelister?liste={listId}";
        var html = await officer.Http.GetStringAsync(page);
        Assert.Contains("<strong>Hastende</strong>: Udskrives fra psykiatrisk afdeling fredag", html);
        Assert.True(html.IndexOf($"/sagsbehandler/person/{urgent}", StringComparison.Ordinal)
            < html.IndexOf($"/sagsbehandler/person/{early}", StringComparison.Ordinal), "the urgent entry is listed first");

        using var offered = await officer.PostFormAsync($"{page}&handler=Offer", new() { ["UnitId"] = unit.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        await using var after = api.NewDb();
        var offer = await after.Offers.Include(o => o.Entry).SingleAsync(o => o.UnitId == unit);
        Assert.Equal(urgent, offer.Entry!.PersonId);
        var person = await after.Persons.SingleAsync(p => p.Id == urgent);
        Assert.Contains($"er tilbudt {person.FirstName} {person.LastName} med svarfrist", await officer.Http.GetStringAsync(page));
    }

    private async Task<Offer> PendingOfferAsync(int unit)
    {
        await using var db = api.NewDb();
        return await db.Offers.OrderByDescending(o => o.Id).FirstAsync(o => o.UnitId == unit);
    }
}
