using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>What every journey does on its way: sign in as a demo user, check each page (axe-core, weight, language), sign out.</summary>
public static class PageSteps
{
    /// <summary>No page may weigh more than this, transferred (the issue's bar).</summary>
    public const int MaxPageBytes = 200 * 1024;

    public static async Task SignInAsync(IPage page, string roleLabel, int municipalityCode, int? facilityId = null)
    {
        await page.GotoAsync("/logind");
        await page.GetByLabel(roleLabel, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Kommune").SelectOptionAsync(municipalityCode.ToString());
        if (facilityId is { } f) await page.GetByLabel("Tilbud (kun personale)").SelectOptionAsync(f.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log ud" })).ToBeVisibleAsync();
    }

    public static async Task SignOutAsync(IPage page, string ownPage)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Du er logget ud");
        // The session is gone: the role's own page asks for sign-in again.
        await page.GotoAsync(ownPage);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/logind"));
    }

    /// <summary>The page as a user has it now: no serious or critical accessibility violation, Danish, within the weight.</summary>
    public static async Task CheckAsync(BrowserFixture browser, IPage page)
    {
        var violations = await browser.AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}:\n{string.Join("\n", violations)}");
        Assert.Equal("da", await page.GetAttributeAsync("html", "lang"));
        DeveloperText.EnsureNone(page.Url, DeveloperText.VisibleText(await page.ContentAsync()));
        var bytes = await page.EvaluateAsync<double>("""
            () => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
              .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)
            """);
        Assert.True(bytes < MaxPageBytes, $"{page.Url} transferred {bytes} bytes");
        // Mobile first: at a phone's width the page itself never scrolls sideways (wide tables scroll in their own box).
        var (scroll, client) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
        if (scroll > client)
        {
            var wide = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                  .slice(0, 6).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                    + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
                """);
            Assert.Fail($"{page.Url} is {scroll} px wide in a {client} px window: {string.Join(", ", wide)}");
        }
    }

    /// <summary>
    /// At a phone's width nothing a user works with lies beyond the screen (issue 27.1): no cell, link, button or field, not even
    /// in a table that scrolls in its own box.
    /// </summary>
    public static async Task NothingOffScreenAsync(IPage page)
    {
        var off = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main td, main th, main a, main button, main input, main select, main textarea')]
              .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .slice(0, 6).map(e => e.tagName.toLowerCase() + ' "' + (e.textContent || '').trim().slice(0, 30) + '" '
                + Math.round(e.getBoundingClientRect().right) + 'px')
            """);
        Assert.True(off.Length == 0, $"{page.Url}: beyond the screen: {string.Join(", ", off)}");
    }

    /// <summary>Another role's page is refused where it is asked for: 403 and the Danish error page.</summary>
    public static async Task RefusedAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ingen adgang");
    }

    /// <summary>
    /// README's screenshots: written only when PAGE_SCREENSHOTS names a folder
    /// (<c>PAGE_SCREENSHOTS=docs/screenshots bash .ci/test</c> from the repository root).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PAGE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }

    public static ILocator Nav(IPage page, string link) =>
        page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = link, Exact = true });

    public static async Task<string> FacilityNameAsync(ApiFixture api, int id)
    {
        await using var db = api.NewDb();
        return (await db.Facilities.SingleAsync(f => f.Id == id)).Name;
    }

    public static async Task<string> UnitLabelAsync(ApiFixture api, int id)
    {
        await using var db = api.NewDb();
        return (await db.Units.SingleAsync(u => u.Id == id)).Label;
    }

    public static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
}
