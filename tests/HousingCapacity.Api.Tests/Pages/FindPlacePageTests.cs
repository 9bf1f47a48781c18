using HousingCapacity.Api.Security;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>Issue 27.6: "Find en plads i nat" says what the officer must know before choosing, and lists only places to sleep in.
/// </summary>
public class FindPlacePageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AYoungPerson_IsToldWhyNoSection110PlaceIsListed_AndNoHomeIsOffered()
    {
        var build = new Builders(api);
        var young = await build.PersonAsync(ApiFixture.Today.PlusYears(-21));
        var adult = await build.PersonAsync(ApiFixture.Today.PlusYears(-45));
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);

        var forYoung = await officer.Http.GetStringAsync($"/sagsbehandler/person/{young}/find-plads");
        Assert.Contains("Personen er 21 år: efter", forYoung);
        Assert.Contains("en undtagelse kræver en skriftlig begrundelse ved indskrivningen", forYoung);

        var forAdult = await officer.Http.GetStringAsync($"/sagsbehandler/person/{adult}/find-plads");
        Assert.DoesNotContain("Personen er 45 år", forAdult);
        Assert.Contains("Forsorgshjem/herberg (§ 110)", forAdult);
        // Homes and § 107 places go through waitlists and visitation, not "a place tonight".
        foreach (var home in new[] { "Housing First-boliger", "Skæve boliger", "Ungeboliger", "Midlertidigt botilbud (§ 107)" })
            Assert.DoesNotContain($"<p>{home}", forAdult);
    }
}
