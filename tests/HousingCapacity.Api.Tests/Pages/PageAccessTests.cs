using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>The pages' session and access rules, without a browser: who sees which page, what a page sends along, what it logs.</summary>
public sealed class PageAccessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>Each role's own pages (the first is its start page).</summary>
    public static readonly Dictionary<Role, string[]> OwnPages = new()
    {
        [Role.ShelterStaff] = ["/personale", "/personale/tjek-ind", "/personale/afvisning", "/personale/enheder"],
        [Role.HousingOfficer] = ["/sagsbehandler", "/sagsbehandler/underretninger", "/sagsbehandler/lange-ophold",
            "/sagsbehandler/ventelister", "/sagsbehandler/unge-undtagelser", "/sagsbehandler/person/1"],
        [Role.Committee] = ["/udvalg"],
        [Role.Administrator] = ["/administration", "/administration/import"],
    };

    public static TheoryData<Role> Roles => [.. Enum.GetValues<Role>()];

    private Task<PageClient> SignInAsync(Role role) => PageClient.SignedInAsync(api, role, 175, role == Role.ShelterStaff ? 1 : null);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryRole_GetsItsOwnPages_AndIsRefusedEveryOtherRolesPages(Role role)
    {
        using var client = await SignInAsync(role);
        using var home = await client.Http.GetAsync("/");
        Assert.Equal(OwnPages[role][0], home.Headers.Location?.OriginalString);
        foreach (var (owner, pages) in OwnPages)
            foreach (var page in pages)
            {
                using var reply = await client.Http.GetAsync(page);
                var body = await reply.Content.ReadAsStringAsync();
                Assert.True(owner == role ? reply.StatusCode == HttpStatusCode.OK : reply.StatusCode == HttpStatusCode.Forbidden,
                    $"{role} {page}: {(int)reply.StatusCode}");
                Assert.Contains("<html lang=\"da\">", body);
                if (owner != role) Assert.Contains("Ingen adgang", body);
            }
    }

    [Fact]
    public async Task WithoutASession_EveryPage_RedirectsToSignIn_WithTheAddressToComeBackTo()
    {
        using var client = PageClient.For(api);
        foreach (var page in OwnPages.Values.SelectMany(p => p).Append("/"))
        {
            using var reply = await client.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
            Assert.StartsWith("/logind", reply.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        }
    }

    [Fact]
    public async Task ABearerToken_DoesNotOpenThePages_AndTheSessionDoesNotOpenTheApi()
    {
        using var token = api.HttpAs(Role.HousingOfficer);
        using var withToken = await token.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/sagsbehandler"));
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode); // the test client follows the redirect …
        Assert.EndsWith("/logind?returnUrl=%2Fsagsbehandler", withToken.RequestMessage!.RequestUri!.PathAndQuery);

        using var session = await SignInAsync(Role.HousingOfficer);
        using var odata = await session.Http.GetAsync("/odata/Persons");
        Assert.Equal(HttpStatusCode.Unauthorized, odata.StatusCode);
        using var report = await session.Http.GetAsync("/reports/monthly/175/2026-10.json");
        Assert.Equal(HttpStatusCode.Unauthorized, report.StatusCode);
    }

    [Fact]
    public async Task AfterSignOut_ACopyOfTheSessionCookie_OpensNothing()
    {
        using var signIn = PageClient.For(api);
        using var signedIn = await signIn.PostFormAsync("/logind", new() { ["Role"] = "HousingOfficer", ["MunicipalityCode"] = "175" });
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hc-session=", StringComparison.Ordinal))
            .Split(';')[0];
        // The cookie carries a key to the session kept on the server, not the claims themselves.
        Assert.DoesNotContain("HousingOfficer", session);
        async Task<HttpStatusCode> WithCopyAsync()
        {
            using var copy = api.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
                { AllowAutoRedirect = false, HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/sagsbehandler");
            request.Headers.Add("Cookie", session);
            using var reply = await copy.SendAsync(request);
            return reply.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await WithCopyAsync());
        using var signedOut = await signIn.PostFormAsync("/logud", new(), "/sagsbehandler");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await WithCopyAsync());
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        using var client = await SignInAsync(Role.ShelterStaff);
        await using var before = api.NewDb();
        var turnaways = await before.Turnaways.CountAsync();
        using var reply = await client.Http.PostAsync("/personale/afvisning",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = "Full" }));
        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        await using var after = api.NewDb();
        Assert.Equal(turnaways, await after.Turnaways.CountAsync());
    }

    [Fact]
    public async Task DemoSignIn_WithAFacilityOfAnotherMunicipality_IsRefusedNextToTheField()
    {
        using var client = PageClient.For(api);
        await using var db = api.NewDb();
        var foreign = await db.Facilities.Where(f => f.Municipality!.Code == 167).Select(f => f.Id).FirstAsync();
        using var reply = await client.PostFormAsync("/logind", new()
        {
            ["Role"] = "ShelterStaff", ["MunicipalityCode"] = "175", ["FacilityId"] = foreign.ToString(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        var body = await reply.Content.ReadAsStringAsync();
        Assert.Contains("hører ikke til kommune 175", body);
        Assert.Contains($"<option selected=\"selected\" value=\"{foreign}\">", body);
    }

    [Fact]
    public async Task Pages_CarryTheirSecurityHeaders_AndTheStylesheetIsCached()
    {
        using var client = await SignInAsync(Role.Committee);
        using var page = await client.Http.GetAsync("/udvalg");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        var cookie = (await SessionCookieAsync()).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        using var css = await client.Http.GetAsync("/css/site.css");
        Assert.Equal("text/css; charset=utf-8", css.Content.Headers.ContentType!.ToString());
        Assert.Contains("max-age=86400", css.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task StaffBoard_ShowsMaskedCprOnly_AndWritesItsReadsToTheAccessLog()
    {
        using var client = await SignInAsync(Role.ShelterStaff);
        await using var db = api.NewDb();
        var guests = await db.Placements.Where(p => p.FacilityId == 1 && p.StartDate <= new DateOnly(2026, 11, 22)
            && (p.EndDate == null || p.EndDate > new DateOnly(2026, 11, 22))).Select(p => p.Person!).ToListAsync();
        Assert.NotEmpty(guests);
        var logged = await db.AccessLogLines.CountAsync();
        var body = await client.Http.GetStringAsync("/personale");
        foreach (var guest in guests.Where(g => g.Cpr is not null))
        {
            Assert.DoesNotContain(guest.Cpr!, body);
            Assert.Contains(guest.Cpr![..7] + "XXXX", body);
        }
        await using var after = api.NewDb();
        var lines = await after.AccessLogLines.OrderByDescending(l => l.Id).Take(guests.Count).ToListAsync();
        Assert.Equal(logged + guests.Count, await after.AccessLogLines.CountAsync());
        Assert.All(lines, l => Assert.Equal("Side: Nattens tavle", l.Purpose));
        Assert.Equal(guests.Select(g => g.Id).Order(), lines.Select(l => l.PersonId!.Value).Order());
    }

    [Fact]
    public async Task OfficerSearch_ByCpr_IsPosted_LogsTheMatch_AndABadNumberIsShownNextToTheField()
    {
        using var client = await SignInAsync(Role.HousingOfficer);
        await using var db = api.NewDb();
        var person = await db.Persons.FirstAsync(p => p.MunicipalityId == 1 && p.Cpr != null && p.MergedIntoId == null);
        using var found = await client.PostFormAsync("/sagsbehandler", new() { ["Query"] = person.Cpr! });
        var body = await found.Content.ReadAsStringAsync();
        Assert.Contains($"/sagsbehandler/person/{person.Id}", body);
        await using var after = api.NewDb();
        Assert.True(await after.AccessLogLines.AnyAsync(l => l.PersonId == person.Id && l.Purpose == "Side: Find person"));

        using var bad = await client.PostFormAsync("/sagsbehandler", new() { ["Query"] = "311399-1234" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refusal = await bad.Content.ReadAsStringAsync();
        Assert.Contains("CPR-nummeret skal have formen", refusal);
        Assert.Contains("value=\"311399-1234\"", refusal);
    }

    [Fact]
    public async Task APostToAnotherRolesPage_IsRefusedWithTheDanishPage_AndChangesNothing()
    {
        using var staff = await SignInAsync(Role.ShelterStaff);
        await using var before = api.NewDb();
        var notices = await before.Placements.CountAsync(p => p.NotifiedOn != null);
        var stay = await before.Placements.Where(p => p.NotificationDueDate != null && p.NotifiedOn == null).Select(p => p.Id).FirstAsync();
        using var reply = await staff.PostFormAsync("/sagsbehandler/underretninger", new() { ["placementId"] = stay.ToString() },
            "/personale");
        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Contains("Ingen adgang", await reply.Content.ReadAsStringAsync());
        await using var after = api.NewDb();
        Assert.Equal(notices, await after.Placements.CountAsync(p => p.NotifiedOn != null));
    }

    [Theory]
    [InlineData("PUT", "/personale")]
    [InlineData("DELETE", "/logind")]
    [InlineData("PATCH", "/fejl/404")]
    public async Task AnyOtherMethodThanGetAndPost_OnAPage_Is405_WithTheDanishPage(string method, string path)
    {
        using var client = await SignInAsync(Role.ShelterStaff);
        using var reply = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.StatusCode);
        Assert.Equal("GET, POST", string.Join(", ", reply.Content.Headers.Allow));
        Assert.Contains("Ikke tilladt", await reply.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Options_OnAPage_SaysGetAndPost()
    {
        using var client = PageClient.For(api);
        using var reply = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/"));
        Assert.Equal(HttpStatusCode.NoContent, reply.StatusCode);
        Assert.Equal("GET, POST", string.Join(", ", reply.Content.Headers.Allow));
    }

    [Fact]
    public async Task UnknownPage_IsTheDanishNotFoundPage()
    {
        using var client = await SignInAsync(Role.Committee);
        using var reply = await client.Http.GetAsync("/findes-ikke");
        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        Assert.Contains("Siden findes ikke", await reply.Content.ReadAsStringAsync());
    }

    private async Task<string> SessionCookieAsync()
    {
        using var client = PageClient.For(api);
        using var reply = await client.PostFormAsync("/logind", new() { ["Role"] = "Committee", ["MunicipalityCode"] = "175" });
        return reply.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hc-session", StringComparison.Ordinal));
    }
}
