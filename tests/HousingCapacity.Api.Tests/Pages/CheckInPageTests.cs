using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>The staff's check-in page does what Placements/CheckIn does: someone new is registered with the stay, in one write.</summary>
public sealed class CheckInPageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task CheckIn_OfSomeoneNewWithACprNumber_RegistersAndPlacesThem_ARefusalLeavesNoPerson()
    {
        var build = new Builders(api);
        var facility = await build.FacilityAsync("Section110Shelter");
        await build.UnitAsync(facility, beds: 1);
        using var staff = await PageClient.SignedInAsync(api, Role.ShelterStaff, 175, facility);
        var page = $"/personale/tjek-ind?tilbud={facility}";

        // Unknown number and no name: refused next to the name, the number kept.
        var cpr = Builders.Cpr(new NodaTime.LocalDate(1961, 10, 4), male: false);
        using var unknown = await staff.PostFormAsync(page, new() { ["Cpr"] = cpr });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var body = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("skriv fornavn og efternavn", body);
        // The summary at the top names what is wrong and leads to the field, and the first link has the focus (issue 27.1).
        Assert.Matches("""<div class="refusal" role="alert">\s*<h2>Det kunne ikke gennemføres</h2>\s*<ul>\s*""" +
            """<li><a href="#FirstName" autofocus="autofocus">Personen er ikke registreret""", body);
        Assert.Contains($"value=\"{cpr}\"", body);

        using var placed = await staff.PostFormAsync(page, new()
        {
            ["Cpr"] = cpr, ["FirstName"] = "Bodil", ["LastName"] = "Nørgaard", ["MunicipalityId"] = "1", ["PriorResidence"] = "Street",
        });
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        await using (var db = api.NewDb())
        {
            var stay = await db.Placements.Include(p => p.Person).SingleAsync(p => p.FacilityId == facility);
            Assert.Equal(("Bodil", "Nørgaard", 1), (stay.Person!.FirstName, stay.Person.LastName, stay.Person.MunicipalityId));
            Assert.Equal(PriorResidence.Street, stay.PriorResidence);
        }

        // The place is now full: a second newcomer is refused, and is not left behind as a registered person.
        var other = Builders.Cpr(new NodaTime.LocalDate(1958, 1, 17), male: true);
        using var full = await staff.PostFormAsync(page, new() { ["Cpr"] = other, ["FirstName"] = "Ole", ["LastName"] = "Dam",
            ["MunicipalityId"] = "1" });
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("har ingen ledig seng", await full.Content.ReadAsStringAsync());
        await using var after = api.NewDb();
        Assert.False(await after.Persons.AnyAsync(p => p.FirstName == "Ole" && p.LastName == "Dam"));
        // Nor is there a log line about a person who was never saved.
        var lastPerson = await after.Persons.MaxAsync(p => p.Id);
        Assert.False(await after.AccessLogLines.AnyAsync(l => l.PersonId > lastPerson));
    }

    [Fact]
    public async Task CheckIn_OfSomeoneKnownHereWithoutACprNumber_AsksWhoItIs_AndKeepsTheirRecord()
    {
        var build = new Builders(api);
        var facility = await build.FacilityAsync("Section110Shelter");
        await build.UnitAsync(facility, beds: 2);
        var today = ApiFixture.Today;
        var alias = $"Måge {Guid.NewGuid().ToString("N")[..6]}";
        var earlier = await api.As(Role.ShelterStaff, 175, facility).SendJsonAsync(HttpMethod.Post,
            "/odata/Placements/HousingCapacity.CheckIn",
            $$"""{"facilityId":{{facility}},"alias":"{{alias}}","gender":"Male","birthYear":1966,""" +
                $$""" "startDate":"{{today.PlusDays(-20):yyyy-MM-dd}}","endDate":"{{today.PlusDays(-12):yyyy-MM-dd}}"}""");
        Assert.Equal(HttpStatusCode.Created, earlier.Status);
        var person = earlier.Json.GetProperty("PersonId").GetInt32();
        using var staff = await PageClient.SignedInAsync(api, Role.ShelterStaff, 175, facility);
        var page = $"/personale/tjek-ind?tilbud={facility}";

        using var asked = await staff.PostFormAsync(page, new() { ["Alias"] = alias, ["Gender"] = "Male", ["BirthYear"] = "1966" });
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        var body = await asked.Content.ReadAsStringAsync();
        Assert.Contains("Hvem er det?", body);
        Assert.Contains($"value=\"{person}\"", body);
        Assert.Contains("født 1966", body);
        Assert.Contains("sidst her", body);

        using var placed = await staff.PostFormAsync(page, new() { ["PersonId"] = person.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        await using var db = api.NewDb();
        Assert.Equal(2, await db.Placements.CountAsync(p => p.FacilityId == facility && p.PersonId == person));
        Assert.Equal(1, await db.Persons.CountAsync(p => p.Alias == alias));
    }

    [Fact]
    public async Task Referral_FromAnotherMunicipality_IsOnTheBoard_AndThePlaceAdmitsOnItsPage()
    {
        var svendborg = (await api.OData.GetAsync("/odata/Municipalities?$filter=Code eq 479&$select=Id")).Value[0].GetProperty("Id")
            .GetInt32();
        var build = new Builders(api.OData, api.As(Role.Administrator, 479));
        var place = await build.FacilityAsync("Section110Shelter", municipalityId: svendborg);
        await build.UnitAsync(place, beds: 2);
        var person = await build.PersonAsync(new NodaTime.LocalDate(1970, 3, 3));
        var referral = await build.AllocateAsync(person, facilityId: place);   // Rødovre's officer: a referral
        Assert.Equal(HttpStatusCode.Created, referral.Status);
        var stay = referral.Json.GetProperty("Id").GetInt32();

        using var staff = await PageClient.SignedInAsync(api, Role.ShelterStaff, 479, place);
        var board = await staff.Http.GetStringAsync("/personale");
        Assert.Contains("afventer stedets afgørelse", board);
        Assert.Contains($"/personale/henvisning/{stay}", board);
        var page = $"/personale/henvisning/{stay}";
        var form = await staff.Http.GetStringAsync(page);
        Assert.Contains("Klagevejledning", form);
        Assert.Contains("4 uger", form);
        using var noReason = await staff.PostFormAsync($"{page}?handler=Refuse", new() { ["Explanation"] = "Ingen plads til hunden." },
            page);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var admitted = await staff.PostFormAsync($"{page}?handler=Admit", new(), page);
        Assert.Equal(HttpStatusCode.Redirect, admitted.StatusCode);
        await using var db = api.NewDb();
        var saved = await db.Placements.SingleAsync(p => p.Id == stay);
        Assert.StartsWith($"demo-ShelterStaff-479-{place}", saved.AdmittedBy);
        Assert.False(saved.AwaitsAdmission);
    }

    /// <summary>Issue 27.3: someone known by their CPR number is shown (name, age, current stays) and checked in only once staff
    /// confirm it is them: a mistyped digit no longer checks in someone else without a word.</summary>
    [Fact]
    public async Task CheckIn_OfSomeoneKnownByCpr_IsConfirmedFirst_AndSaysWho()
    {
        var build = new Builders(api);
        var facility = await build.FacilityAsync("Section110Shelter");
        await build.UnitAsync(facility, beds: 1);
        var (person, cpr) = await build.RegisterAsync(ApiFixture.Today.PlusYears(-44));
        using var staff = await PageClient.SignedInAsync(api, Role.ShelterStaff, 175, facility);
        var page = $"/personale/tjek-ind?tilbud={facility}";

        using var asked = await staff.PostFormAsync(page, new() { ["Command.Cpr"] = cpr });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var html = await asked.Content.ReadAsStringAsync();
        Assert.Contains("Er det den rigtige person?", html);
        Assert.Contains("44 år", html);
        Assert.Contains("Har intet ophold nu.", html);
        await using (var db = api.NewDb())
            Assert.False(await db.Placements.AnyAsync(p => p.PersonId == person));

        using var confirmed = await staff.PostFormAsync(page, new() { ["Command.Cpr"] = cpr, ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using (var db = api.NewDb())
            Assert.True(await db.Placements.AnyAsync(p => p.PersonId == person && p.FacilityId == facility));
    }

    [Fact]
    public async Task ARefusedCheckIn_ShowsTheOtherPlacesTonight_AndRecordsTheTurnawayInOneClick()
    {
        var build = new Builders(api);
        var full = await build.FacilityAsync("Section110Shelter");
        await build.UnitAsync(full, beds: 1);
        var elsewhere = await build.FacilityAsync("EmergencyBeds");
        await build.UnitAsync(elsewhere, beds: 90); // more than any other place in the fixture, so it is listed first
        var (_, first) = await build.RegisterAsync(ApiFixture.Today.PlusYears(-50));
        Assert.Equal(HttpStatusCode.Created, (await build.CheckInAsync(first, full)).Status);
        var (_, second) = await build.RegisterAsync(ApiFixture.Today.PlusYears(-40));
        using var staff = await PageClient.SignedInAsync(api, Role.ShelterStaff, 175, full);
        var page = $"/personale/tjek-ind?tilbud={full}";

        using var refused = await staff.PostFormAsync(page, new() { ["Command.Cpr"] = second, ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Ikke plads her i nat?", html);
        string name;
        await using (var db = api.NewDb()) name = await db.Facilities.Where(f => f.Id == elsewhere).Select(f => f.Name).SingleAsync();
        Assert.Matches($"<strong>{name}</strong> · Rødovre Kommune · [^·]+ ·\\s+90 ledige senge", html);
        Assert.Contains("name=\"Reason\" value=\"Full\"", html);

        var tonight = System.Text.RegularExpressions.Regex.Match(html, "name=\"Date\" value=\"([0-9-]+)\"").Groups[1].Value;
        using var recorded = await staff.PostFormAsync($"/personale/afvisning?tilbud={full}",
            new() { ["Reason"] = "Full", ["Date"] = tonight }, page);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        await using var after = api.NewDb();
        var turnaway = await after.Turnaways.SingleAsync(t => t.FacilityId == full);
        Assert.Equal((TurnawayReason.Full, null), (turnaway.Reason, turnaway.PersonId));
    }
}
