using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using HousingCapacity.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static HousingCapacity.Api.Tests.Pages.PageSteps;
using static Microsoft.Playwright.Assertions;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>
/// One journey per role through the real app in Chromium, at a phone's width and a desktop's: sign in, do the role's main work,
/// see the result (on the page and in the database), be refused another role's page, sign out. Every page on the way is checked
/// with axe-core and for its weight.
/// </summary>
[Collection("Browser")]
public sealed class JourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Builders _build = new(browser);

    public static TheoryData<string> Sizes => ["phone", "desktop"];

    private static ViewportSize Size(string name) => name == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ShelterStaff_ChecksInAYoungPersonWithAJustification_ReportsTheCount_ChecksOut(string size)
    {
        var facility = await _build.FacilityAsync("Section110Shelter");
        var occupiedUnit = await _build.UnitAsync(facility, beds: 2);
        var spareUnit = await _build.UnitAsync(facility, beds: 1);
        var alias = $"Gæst {size} {Guid.NewGuid().ToString("N")[..6]}";
        var page = await browser.NewPageAsync(Size(size));

        await SignInAsync(page, "Personale", 175, facility);
        await Expect(Heading(page)).ToHaveTextAsync("Nattens tavle");
        await CheckAsync(browser, page);
        // The keyboard's first stop is the skip link, and it leads to the content.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Spring til indhold");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(":focus")).ToHaveIdAsync("indhold");

        // Check-in without a CPR number: a 23-year-old at a §110 place is refused without a justification, next to its field.
        await Nav(page, "Tjek ind").ClickAsync();
        await page.GetByText("Uden CPR-nummer (anonym)").ClickAsync();
        await page.GetByLabel("Alias").FillAsync(alias);
        await page.GetByLabel("Kvinde").CheckAsync();
        await page.GetByLabel("Fødselsår").FillAsync("2003");
        var refused = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tjek ind", Exact = true })
            .ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(422, refused.Status);
        await Expect(page.Locator("[data-valmsg-for='Command.ExceptionJustification']")).ToContainTextAsync("Unge mellem 18 og 25 år");
        var justification = page.GetByLabel("Begrundelse for undtagelse", new() { Exact = false });
        await Expect(justification).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(justification).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Unge mellem 18 og 25 år"));
        await Expect(page.GetByLabel("Alias")).ToHaveValueAsync(alias);
        await CheckAsync(browser, page);
        await page.Locator("[data-valmsg-for='Command.ExceptionJustification']").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, $"staff-check-in-refused-{size}");

        await page.GetByLabel("Begrundelse for undtagelse", new() { Exact = false })
            .FillAsync("Ingen ungeplads i nat; personen sover ellers på gaden. Aftalt med vagthavende.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tjek ind", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{alias} er tjekket ind");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = alias });
        await Expect(row).ToContainTextAsync("undtagelse registreret");
        await CheckAsync(browser, page);
        await ScreenshotAsync(page, $"staff-board-{size}");
        if (size == "phone") await NothingOffScreenAsync(page);

        // Tonight's count in one step, prefilled from the stays.
        await Expect(page.GetByLabel("Belagte senge")).ToHaveValueAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Indberet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nattens tal er indberettet");

        // Check-out with reason and destination.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Tjek ud");
        await page.GetByLabel("Hvordan sluttede opholdet").SelectOptionAsync("Planned");
        await page.GetByLabel("Hvor gik personen hen").SelectOptionAsync("FamilyOrFriends");
        await CheckAsync(browser, page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tjek ud" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tjekket ud");

        // A turnaway, and a unit out of service and back.
        await Nav(page, "Afvisning").ClickAsync();
        await page.GetByLabel("Årsag").SelectOptionAsync("Full");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrér afvisning" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Afvisningen er registreret");
        await CheckAsync(browser, page);
        // The unit the guest stayed in still holds tonight's night: refused, next to that unit; the spare one goes out of service.
        await Nav(page, "Enheder").ClickAsync();
        var (occupied, spare) = (await UnitLabelAsync(browser, occupiedUnit), await UnitLabelAsync(browser, spareUnit));
        var refusedUnit = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Row).Filter(new() { HasText = occupied })
            .GetByRole(AriaRole.Button).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, refusedUnit.Status);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = occupied })).ToContainTextAsync("kan ikke tages ud af drift");
        await CheckAsync(browser, page);
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = spare }).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("er nu ude af drift");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = spare }).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("er nu i drift");

        await RefusedAsync(page, "/udvalg");
        await RefusedAsync(page, "/sagsbehandler");
        await CheckAsync(browser, page);
        await SignOutAsync(page, "/personale");

        await using var db = browser.NewDb();
        var stay = await db.Placements.Include(p => p.Person).SingleAsync(p => p.FacilityId == facility);
        Assert.Equal(alias, stay.Person!.Alias);
        Assert.Equal($"demo-ShelterStaff-175-{facility}", stay.ExceptionDecidedBy);
        Assert.Equal(DischargeReason.Planned, stay.DischargeReason);
        Assert.Equal(1, await db.CapacityReports.CountAsync(r => r.FacilityId == facility && r.BedsOccupied == 1));
        Assert.Equal(1, await db.Turnaways.CountAsync(t => t.FacilityId == facility));
        // The board's read of the person is in the access log, with the page as its purpose.
        Assert.True(await db.AccessLogLines.AnyAsync(l => l.PersonId == stay.PersonId && l.Operation == "Read"
            && l.Purpose == "Side: Nattens tavle"));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task HousingOfficer_FindsAPersonByCpr_AllocatesAPlaceTonight_MarksTheNoticeSent(string size)
    {
        var facility = await _build.FacilityAsync("Section110Shelter");
        await _build.UnitAsync(facility, beds: 3);
        var (personId, cpr) = await _build.RegisterAsync(new LocalDate(1968, 3, 14));
        var facilityName = await FacilityNameAsync(browser, facility);
        var page = await browser.NewPageAsync(Size(size));

        await SignInAsync(page, "Boligsagsbehandler", 175);
        await Expect(Heading(page)).ToHaveTextAsync("Find person");
        await CheckAsync(browser, page);
        await page.GetByLabel("CPR-nummer eller navn").FillAsync(cpr);
        await page.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();
        // The CPR number was posted, never put in an address.
        Assert.DoesNotContain(cpr[..6], page.Url);
        await page.GetByRole(AriaRole.Link, new() { Name = "Test Person" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Test Person");
        await CheckAsync(browser, page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Find en plads i nat" }).ClickAsync();
        await CheckAsync(browser, page);
        await ScreenshotAsync(page, $"officer-find-place-{size}");
        // A bed held for the person while they are on their way; the allocation then uses it.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Reservér seng på {facilityName}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"En seng på {facilityName} er reserveret til personen");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Tildel plads på {facilityName}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"har fået plads på {facilityName}");
        await Expect(page.GetByRole(AriaRole.Table).First).ToContainTextAsync(facilityName);

        await Nav(page, "Underretninger").ClickAsync();
        await CheckAsync(browser, page);
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = facilityName }).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Underretningen er registreret");

        foreach (var (link, heading) in new[] { ("Lange ophold", "Lange ophold"), ("Ventelister", "Ventelister"),
                     ("Unge-undtagelser", "Unge på § 110-tilbud") })
        {
            await Nav(page, link).ClickAsync();
            await Expect(Heading(page)).ToContainTextAsync(heading);
            await CheckAsync(browser, page);
        }

        // The person's access log (GDPR art. 15) shows this officer's reads of the person page.
        await page.GotoAsync($"/sagsbehandler/person/{personId}/adgangslog");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Side: Personside");
        await CheckAsync(browser, page);

        // On the person's page: onto a waitlist as urgent, with the reason the next officer reads (issue 27.5).
        string list;
        await using (var lists = browser.NewDb())
            list = await lists.Waitlists.Where(w => w.MunicipalityId == 1 && w.Kind == WaitlistKind.HousingFirst).Select(w => w.Name)
                .FirstAsync();
        await page.GotoAsync($"/sagsbehandler/person/{personId}");
        await page.GetByText("Sæt på en venteliste").ClickAsync();
        await page.GetByLabel("Venteliste", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = list });
        await page.GetByLabel("Hastende: går forud for dem, der har ventet længere").CheckAsync();
        await page.GetByLabel("Hvorfor hastende").FillAsync("Udskrives fra psykiatrien fredag");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sæt på ventelisten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"står nu på ventelisten {list} som hastende");
        await Expect(page.Locator("main")).ToContainTextAsync("Hastende fordi: Udskrives fra psykiatrien fredag");
        await CheckAsync(browser, page);

        // The stay's own page: ended as planned.
        await page.GetByRole(AriaRole.Link, new() { Name = facilityName }).First.ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Ophold");
        await CheckAsync(browser, page);
        await page.GetByLabel("Hvordan sluttede opholdet").SelectOptionAsync("Planned");
        await page.GetByLabel("Hvor gik personen hen").SelectOptionAsync("OwnHome");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afslut opholdet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Opholdet på {facilityName} slutter");
        await CheckAsync(browser, page);
        await ScreenshotAsync(page, $"officer-stay-ended-{size}");

        await RefusedAsync(page, "/administration");
        await RefusedAsync(page, "/personale");
        await SignOutAsync(page, "/sagsbehandler");

        await using var db = browser.NewDb();
        var stay = await db.Placements.SingleAsync(p => p.PersonId == personId);
        Assert.Equal(facility, stay.FacilityId);
        Assert.NotNull(stay.NotifiedOn);
        Assert.Equal((DischargeReason.Planned, Destination.OwnHome), (stay.DischargeReason!.Value, stay.Destination!.Value));
        Assert.Equal("Udskrives fra psykiatrien fredag",
            (await db.WaitlistEntries.SingleAsync(e => e.PersonId == personId)).PriorityReason);
        var hold = await db.BedHolds.SingleAsync(h => h.PersonId == personId);
        Assert.NotNull(hold.ReleasedAt);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Committee_ReadsTheMonth_WithTheApisFigures_AndDownloadsThePdfCsvAndWorkbook(string size)
    {
        var page = await browser.NewPageAsync(Size(size));
        await SignInAsync(page, "Udvalgsmedlem", 175);
        await Expect(Heading(page)).ToHaveTextAsync("Månedsrapport");
        await page.GetByLabel("Måned", new() { Exact = true }).SelectOptionAsync("2026-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis måned" }).ClickAsync();
        await Expect(page.Locator("article")).ToContainTextAsync("oktober 2026");
        await CheckAsync(browser, page);
        await ScreenshotAsync(page, $"committee-report-top-{size}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Udvikling" }).ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, $"committee-report-{size}");

        // The page's figures are the API's.
        using var http = browser.HttpAs(Role.Committee);
        var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/reports/monthly/175/2026-10.json")).RootElement;
        var rate = json.GetProperty("Total").GetProperty("OccupancyRate").GetDouble();
        var expected = (rate * 100).ToString("0.0", System.Globalization.CultureInfo.GetCultureInfo("da-DK")) + " %";
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Belægningsgrad", Exact = false }).First).ToContainTextAsync(expected);
        Assert.True(await page.Locator("svg.chart").CountAsync() >= 2);

        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Hent PDF" }).ClickAsync());
        var pdfBytes = await File.ReadAllBytesAsync((await pdf.PathAsync())!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdfBytes, 0, 4));
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Hent CSV" }).ClickAsync());
        Assert.Equal(await http.GetByteArrayAsync("/reports/monthly/175/2026-10.csv"),
            await File.ReadAllBytesAsync((await csv.PathAsync())!));
        var xlsx = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Hent regneark (Excel)" }).ClickAsync());
        Assert.Equal("belaegning-175-2026-10.xlsx", xlsx.SuggestedFilename);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync((await xlsx.PathAsync())!), 0, 2));

        await RefusedAsync(page, "/sagsbehandler");
        await RefusedAsync(page, "/personale");
        await SignOutAsync(page, "/udvalg");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Administrator_SeesTheCatalogue_ImportsCapacity_WithLineByLineErrors(string size)
    {
        var facility = await _build.FacilityAsync("EmergencyBeds");
        await _build.UnitAsync(facility, beds: 4);
        var page = await browser.NewPageAsync(Size(size));
        await SignInAsync(page, "Administrator", 175);
        await Expect(Heading(page)).ToHaveTextAsync("Tilbud og enheder");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Herberget Tårnvej" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("§ 104 (væresteder, natvarmestuer)");
        await CheckAsync(browser, page);

        await Nav(page, "Import af kapacitet").ClickAsync();
        var lines = $"tilbud;dato;i drift;belagt;ude af drift\n{facility};2026-11-20;4;3;0\nx;2026-11-20;1;1;0\n" +
            $"{facility};2026-12-30;4;1;0";
        await page.GetByLabel("Eller indsæt linjerne").FillAsync(lines);
        var preview = page.GetByRole(AriaRole.Button, new() { Name = "Se hvad filen ændrer" });
        var refused = await page.RunAndWaitForResponseAsync(() => preview.ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(422, refused.Status);
        var errors = page.GetByRole(AriaRole.Region, new() { Name = "Fejl i filen – intet er gemt" });
        await Expect(errors).ToContainTextAsync("Linje 3: tilbuddet 'x' findes ikke.");
        await Expect(errors).ToContainTextAsync("Linje 4");
        await Expect(page.GetByLabel("Eller indsæt linjerne")).ToHaveValueAsync(lines);
        await CheckAsync(browser, page);
        await ScreenshotAsync(page, $"administrator-import-errors-{size}");

        // The place by its name; the preview saves nothing, "Indlæs" does.
        string name;
        await using (var names = browser.NewDb())
            name = await names.Facilities.Where(f => f.Id == facility).Select(f => f.Name).SingleAsync();
        await page.GetByLabel("Eller indsæt linjerne").FillAsync($"{name};20-11-2026;4;3;0");
        await preview.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Forhåndsvisning – intet er gemt endnu" }))
            .ToContainTextAsync("1 linje: 1 ny nat, 0 nætter ændres, 0 uændrede.");
        await using (var none = browser.NewDb()) Assert.False(await none.CapacityReports.AnyAsync(r => r.FacilityId == facility));
        await page.GetByRole(AriaRole.Button, new() { Name = "Indlæs", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 nye");

        // A night already reported is shown with what was there and by whom, and overwritten only after "Indlæs og overskriv".
        await page.GetByLabel("Eller indsæt linjerne").FillAsync($"{name};20-11-2026;4;2;0");
        await preview.ClickAsync();
        var shown = page.GetByRole(AriaRole.Region, new() { Name = "Forhåndsvisning – intet er gemt endnu" });
        await Expect(shown).ToContainTextAsync("1 nat er allerede indberettet og bliver overskrevet");
        await Expect(shown).ToContainTextAsync("3 af 4 belagt");
        await Expect(shown).Not.ToContainTextAsync("Der er indberettet tal siden forhåndsvisningen");
        await CheckAsync(browser, page);
        await ScreenshotAsync(page, $"administrator-import-preview-{size}");
        await using (var before = browser.NewDb())
            Assert.Equal(3, (await before.CapacityReports.SingleAsync(r => r.FacilityId == facility)).BedsOccupied);
        await page.GetByRole(AriaRole.Button, new() { Name = "Indlæs og overskriv" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 rettet");

        await RefusedAsync(page, "/personale");
        await RefusedAsync(page, "/udvalg");
        await SignOutAsync(page, "/administration");

        await using var db = browser.NewDb();
        Assert.Equal(2, (await db.CapacityReports.SingleAsync(r => r.FacilityId == facility)).BedsOccupied);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task HousingOfficer_RecordsATransition_FindsItOnTheWorklist_AndRecordsThePersonsNo(string size)
    {
        var (personId, _) = await _build.RegisterAsync(new LocalDate(1977, 9, 12));
        var page = await browser.NewPageAsync(Size(size));
        await SignInAsync(page, "Boligsagsbehandler", 175);
        await page.GotoAsync($"/sagsbehandler/person/{personId}");
        await page.GetByText("Registrér en overgang").ClickAsync();
        await page.GetByLabel("Personen mister sit tag over hovedet ved").SelectOptionAsync("PrisonRelease");
        await page.GetByLabel("Datoen (første nat uden eget sted at sove)")
            .FillAsync(ApiFixture.Today.PlusDays(6).ToString("yyyy-MM-dd", null));
        await page.GetByLabel("Kommer fra").FillAsync("Vestre Fængsel");
        await page.GetByLabel("Hvem gav besked").FillAsync("Kriminalforsorgen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrér overgangen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("står nu på listen over overgange");
        await CheckAsync(browser, page);

        await Nav(page, "Overgange").ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Overgange");
        var card = page.Locator("section.card").Filter(new() { HasText = "Vestre Fængsel" }).Filter(new() { HasText = "om 6 dage" });
        await Expect(card).ToHaveCountAsync(1);
        await CheckAsync(browser, page);
        await ScreenshotAsync(page, $"officer-transitions-{size}");
        await card.GetByText("Personen siger nej tak").ClickAsync();
        await card.GetByLabel("Hvad sagde personen").FillAsync("Flytter ind hos sin søster");
        await card.GetByRole(AriaRole.Button, new() { Name = "Registrér afslag" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Afslaget er registreret");
        await Expect(page.Locator("section.card").Filter(new() { HasText = "Flytter ind hos sin søster" })).ToHaveCountAsync(0);
        await SignOutAsync(page, "/sagsbehandler");

        await using var db = browser.NewDb();
        var transition = await db.Transitions.SingleAsync(t => t.PersonId == personId);
        Assert.Equal((TransitionStatus.DeclinedByPerson, "Flytter ind hos sin søster"), (transition.Status, transition.DeclineReason));
    }

    /// <summary>Issue 28.4: staff open extra beds for a cold spell, see them on the board as extra, and close them from tonight.</summary>
    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Staff_OpenExtraBedsForAColdSpell_SeeThemOnTheBoard_AndCloseThemFromTonight(string size)
    {
        var facility = await _build.FacilityAsync("Section110Shelter");
        await _build.UnitAsync(facility, beds: 4);
        var page = await browser.NewPageAsync(Size(size));
        await SignInAsync(page, "Personale", 175, facility);
        await page.GetByRole(AriaRole.Link, new() { Name = "Åbn ekstra senge" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Ekstra senge");
        await page.GetByLabel("Sidste nat").FillAsync(ApiFixture.Today.PlusDays(4).ToString("yyyy-MM-dd", null));
        await page.GetByLabel("Antal ekstra senge").FillAsync("3");
        await page.GetByLabel("Årsag").SelectOptionAsync("ColdWeather");
        await page.GetByRole(AriaRole.Button, new() { Name = "Åbn ekstra senge" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status))
            .ToContainTextAsync("3 ekstra senge er åbnet nætterne 22. november – 26. november");
        await Expect(page.Locator("section.card").Filter(new() { HasText = "Kuldeberedskab" })).ToContainTextAsync("0 belagt i nat");
        await CheckAsync(browser, page);
        await ScreenshotAsync(page, $"staff-extra-beds-{size}");

        await Nav(page, "Nattens tavle").ClickAsync();
        await Expect(page.GetByText("Heraf 3 ekstra senge i nat")).ToBeVisibleAsync();
        await Expect(page.Locator("li").Filter(new() { HasText = "senge i drift" })).ToContainTextAsync("7");
        await CheckAsync(browser, page);
        await ScreenshotAsync(page, $"staff-board-extra-beds-{size}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ekstra senge", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Luk fra i nat" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De ekstra senge er aflyst");
        await SignOutAsync(page, "/personale");

        await using var db = browser.NewDb();
        var beds = await db.ExtraBeds.SingleAsync(e => e.FacilityId == facility);
        Assert.Equal(0, beds.Nights);
        Assert.NotNull(beds.ClosedEarlyAt);
    }

    [Fact]
    public async Task SignedOut_EveryRolePage_AsksForSignIn_AndTheApiRefusesTheSessionCookie()
    {
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        foreach (var path in new[] { "/personale", "/sagsbehandler", "/udvalg", "/administration" })
        {
            await page.GotoAsync(path);
            Assert.Contains("/logind?returnUrl=", page.Url);
        }
        // The sign-in page, its refusal, and the error pages pass the same checks as the rest.
        await CheckAsync(browser, page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Role]")).ToContainTextAsync("Vælg en rolle");
        await Expect(page.GetByRole(AriaRole.Radio).First).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckAsync(browser, page);
        await page.GotoAsync("/findes-ikke");
        await Expect(Heading(page)).ToHaveTextAsync("Siden findes ikke");
        await CheckAsync(browser, page);
        await SignInAsync(page, "Boligsagsbehandler", 175);
        // The session is for the pages: the API's own paths still want a bearer token.
        var api = await page.GotoAsync("/odata/Persons");
        Assert.Equal((int)HttpStatusCode.Unauthorized, api!.Status);
    }
}
