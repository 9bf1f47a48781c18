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

    [Fact]
    public async Task APersonPastTheCountingYearsThreshold_IsWarnedAbout_BeforeAPlaceIsChosen()
    {
        var build = new Builders(api);
        var person = await build.PersonAsync(ApiFixture.Today.PlusYears(-52));
        // 150 nights at a § 110 place elsewhere since the reform, known from its notice: past the threshold.
        var start = ApiFixture.Today.PlusDays(-160);
        var noticed = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/NoticedStays", $$"""
            {"PersonId":{{person}},"PlaceName":"Herberget i en anden by","PlaceMunicipalityCode":330,
             "StartDate":"{{start:yyyy-MM-dd}}","EndDate":"{{start.PlusDays(150):yyyy-MM-dd}}",
             "NoticeReceivedOn":"{{start.PlusDays(2):yyyy-MM-dd}}"}
            """);
        Assert.Equal(HttpStatusCode.Created, noticed.Status);
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);

        var html = await officer.Http.GetStringAsync($"/sagsbehandler/person/{person}/find-plads");
        Assert.Contains("Personen er over tærsklen i § 110-optællingsåret: 150 af", html);
        Assert.Contains("<p class=\"warning\">", html);
    }
}
