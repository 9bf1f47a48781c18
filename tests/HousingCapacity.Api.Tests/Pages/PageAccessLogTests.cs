using HousingCapacity.Api.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>
/// Every page is listed here as showing person data or not, so a new page cannot be added without saying which; each page that
/// shows person data must write the access log (its handler calls Shows) — a page that forgets fails here.
/// </summary>
public sealed class PageAccessLogTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>Pages that show person data: the role, an address of it, and the purpose its log lines carry.</summary>
    private static readonly (string Route, Role Role, string Path, string Purpose)[] WithPersonData =
    [
        ("personale", Role.ShelterStaff, "/personale", "Side: Nattens tavle"),
        ("personale/tjek-ud/{id:int}", Role.ShelterStaff, "/personale/tjek-ud/{stay}", "Side: Tjek ud"),
        ("personale/henvisning/{id:int}", Role.ShelterStaff, "/personale/henvisning/{stay}", "Side: Henvisning fra kommunen"),
        ("sagsbehandler/person/{id:int}", Role.HousingOfficer, "/sagsbehandler/person/{person}", "Side: Personside"),
        ("sagsbehandler/person/{id:int}/find-plads", Role.HousingOfficer, "/sagsbehandler/person/{person}/find-plads",
            "Side: Find en plads i nat"),
        ("sagsbehandler/person/{id:int}/adgangslog", Role.HousingOfficer, "/sagsbehandler/person/{person}/adgangslog", "Side: Adgangslog"),
        ("sagsbehandler/underretninger", Role.HousingOfficer, "/sagsbehandler/underretninger", "Side: Underretninger (§ 110, stk. 6)"),
        ("sagsbehandler/lange-ophold", Role.HousingOfficer, "/sagsbehandler/lange-ophold", "Side: Lange ophold (§ 110-optællingsår)"),
        ("sagsbehandler/ventelister", Role.HousingOfficer, "/sagsbehandler/ventelister", "Side: Ventelister"),
        ("sagsbehandler/unge-undtagelser", Role.HousingOfficer, "/sagsbehandler/unge-undtagelser",
            "Side: Unge på § 110-tilbud (undtagelser)"),
        ("sagsbehandler/ophold/{id:int}", Role.HousingOfficer, "/sagsbehandler/ophold/{officer-stay}", "Side: Ophold"),
        ("sagsbehandler/reservationer", Role.HousingOfficer, "/sagsbehandler/reservationer", "Side: Reservationer"),
        ("sagsbehandler/overgange", Role.HousingOfficer, "/sagsbehandler/overgange", "Side: Overgange"),
    ];

    /// <summary>Pages without person data on a GET (the search shows persons only after a POST; PageAccessTests checks its log).</summary>
    private static readonly string[] WithoutPersonData =
    [
        "", "logind", "logud", "fejl/{status:int}", "personale/tjek-ind", "personale/afvisning", "personale/enheder",
        "personale/ekstra-senge", "sagsbehandler", "udvalg", "administration", "administration/import", "administration/ungepolitik",
        "administration/tilbud/{id:int?}",
        // The DST files: a GET lists places and quarters; the file itself writes the access log as it leaves (DstExportTests).
        "personale/danmarks-statistik", "sagsbehandler/danmarks-statistik",
    ];

    [Fact]
    public void EveryPage_IsListed_AsShowingPersonDataOrNot()
    {
        var routes = api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null
                || e.Metadata.OfType<PageActionDescriptor>().Any())
            .Select(e => e.RoutePattern.RawText!.TrimStart('/')).Distinct().Order().ToList();
        Assert.Equal(WithPersonData.Select(p => p.Route).Concat(WithoutPersonData).Order(), routes);
    }

    [Fact]
    public async Task EveryPageWithPersonData_WritesTheAccessLog_WithThePageAsPurpose()
    {
        // A young person admitted as an exception, so that the list of open exceptions has someone to show.
        var build = new Builders(api);
        var shelter = await build.FacilityAsync("Section110Shelter");
        await build.UnitAsync(shelter, beds: 2);
        var young = await build.PersonAsync(new NodaTime.LocalDate(2005, 4, 1));
        Assert.Equal(HttpStatusCode.Created, (await build.AllocateAsync(young, shelter,
            justification: "Ingen ungeplads i nat; aftalt med vagthavende leder.")).Status);
        // A bed held for them, so that the list of holds names someone.
        Assert.Equal(HttpStatusCode.Created, (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/BedHolds",
            $$"""{"FacilityId":{{shelter}},"PersonId":{{young}}}""")).Status);
        await using var db = api.NewDb();
        var today = new DateOnly(2026, 11, 22);
        var stay = await db.Placements.Where(p => p.FacilityId == 1 && (p.EndDate == null || p.EndDate > today)).Select(p => p.Id)
            .FirstAsync();
        var person = await db.Placements.Where(p => p.Facility!.MunicipalityId == 1 && p.ResponsibleMunicipalityId == 1)
            .Select(p => p.PersonId).FirstAsync();
        var officerStay = await db.Placements.Where(p => p.ResponsibleMunicipalityId == 1).Select(p => p.Id).FirstAsync();
        foreach (var (_, role, pathTemplate, purpose) in WithPersonData)
        {
            using var client = await PageClient.SignedInAsync(api, role, 175, role == Role.ShelterStaff ? 1 : null);
            var path = pathTemplate.Replace("{officer-stay}", officerStay.ToString()).Replace("{stay}", stay.ToString())
                .Replace("{person}", person.ToString());
            var before = await db.AccessLogLines.Where(l => l.Purpose == purpose).CountAsync();
            using var reply = await client.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            await using var after = api.NewDb();
            Assert.True(await after.AccessLogLines.Where(l => l.Purpose == purpose && l.Operation == "Read" && l.PersonId != null)
                .CountAsync() > before,
                $"{path} showed person data without an access-log line");
        }
    }
}
