using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static HousingCapacity.Api.Tests.Pages.PageSteps;
using static Microsoft.Playwright.Assertions;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>
/// Every page of every role on the demo data, as a fresh clone shows it, at a phone's width and a desktop's: each passes axe-core,
/// stays within its weight and does not scroll sideways. (README's screenshots are taken here, when asked for.)
/// </summary>
[Collection("Browser")]
public sealed class PageTourTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string> RolesAndSizes()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in new[] { "ShelterStaff", "HousingOfficer", "Committee", "Administrator" })
            foreach (var size in new[] { "phone", "desktop" }) data.Add(role, size);
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndSizes))]
    public async Task EveryPageOfTheRole_OnTheDemoData_PassesAxe_AndFitsThePhone(string role, string size)
    {
        await using var db = browser.NewDb();
        var today = new DateOnly(2026, 11, 22);
        var stay = await db.Placements.Where(p => p.FacilityId == 1 && (p.EndDate == null || p.EndDate > today)).Select(p => p.Id)
            .FirstAsync();
        // A person with a history: several stays, and on a waitlist.
        var person = await db.Persons.Where(p => p.MunicipalityId == 1 && p.Placements.Count() > 1 && p.WaitlistEntries.Any())
            .Select(p => p.Id).FirstAsync();
        var officerStay = await db.Placements.Where(p => p.ResponsibleMunicipalityId == 1 && (p.EndDate == null || p.EndDate > today))
            .Select(p => p.Id).FirstAsync();
        var (label, pages) = Enum.Parse<Role>(role) switch
        {
            Role.ShelterStaff => ("Personale", new[] { ("/personale", "staff-board"), ("/personale/tjek-ind", "staff-check-in"),
                ($"/personale/tjek-ud/{stay}", "staff-check-out"), ("/personale/afvisning", "staff-turnaway"),
                ("/personale/enheder", "staff-units"), ("/personale/ekstra-senge", "staff-extra-beds") }),
            Role.HousingOfficer => ("Boligsagsbehandler", [("/sagsbehandler", "officer-search"), ($"/sagsbehandler/person/{person}",
                "officer-person"),
                ($"/sagsbehandler/person/{person}/adgangslog", "officer-access-log"), ("/sagsbehandler/underretninger", "officer-notices"),
                ("/sagsbehandler/lange-ophold", "officer-long-stays"), ("/sagsbehandler/ventelister", "officer-waitlists"),
                ("/sagsbehandler/unge-undtagelser", "officer-youth-exceptions"), ($"/sagsbehandler/ophold/{officerStay}", "officer-stay"),
                ("/sagsbehandler/reservationer", "officer-holds"), ("/sagsbehandler/overgange", "officer-transitions")]),
            Role.Committee => ("Udvalgsmedlem", [("/udvalg", "committee-month")]),
            _ => ("Administrator", [("/administration", "administrator-facilities"), ("/administration/tilbud/1", "administrator-facility"),
                ("/administration/import", "administrator-import")]),
        };
        var page = await browser.NewPageAsync(size == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        await SignInAsync(page, label, 175, role == "ShelterStaff" ? 1 : null);
        foreach (var (path, name) in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await Expect(Heading(page)).ToBeVisibleAsync();
            await CheckAsync(browser, page);
            // Every working page's tables reflow into cards on a phone (issue 27.1): nothing a user needs lies beyond the screen.
            // The committee's month keeps its report tables, which scroll in their own box as the PDF's do.
            if (size == "phone" && !name.StartsWith("committee", StringComparison.Ordinal)) await NothingOffScreenAsync(page);
            await ScreenshotAsync(page, $"tour-{name}-{size}");
        }
    }
}
