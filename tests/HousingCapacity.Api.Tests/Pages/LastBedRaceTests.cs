using HousingCapacity.Api.Tests.Infrastructure;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using static HousingCapacity.Api.Tests.Pages.PageSteps;
using static Microsoft.Playwright.Assertions;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>
/// Two officers in two browsers take the last bed of a place for two different persons at the same moment: one gets it, the other
/// is told that it was taken and sees tonight's other places. A double click on "Tildel plads" allocates once.
/// </summary>
[Collection("Browser")]
public sealed class LastBedRaceTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Builders _build = new(browser);

    [Fact]
    public async Task TwoOfficers_TakeTheLastBedTogether_OneGetsIt_TheOtherSeesWhyAndTheAlternatives()
    {
        var facility = await _build.FacilityAsync("Section110Shelter");
        await _build.UnitAsync(facility, beds: 1);
        var name = await FacilityNameAsync(browser, facility);
        var first = await _build.PersonAsync(new LocalDate(1971, 5, 2));
        var second = await _build.PersonAsync(new LocalDate(1966, 9, 30));
        var pages = new List<IPage>();
        foreach (var person in new[] { first, second })
        {
            var page = await browser.NewPageAsync(BrowserFixture.Desktop);
            await SignInAsync(page, "Boligsagsbehandler", 175);
            await page.GotoAsync($"/sagsbehandler/person/{person}/find-plads");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Tildel plads på {name}" })).ToBeVisibleAsync();
            pages.Add(page);
        }

        // Both press at the same moment; each browser waits for its own answer.
        await Task.WhenAll(pages.Select(p => p.RunAndWaitForResponseAsync(
            () => p.GetByRole(AriaRole.Button, new() { Name = $"Tildel plads på {name}" }).ClickAsync(),
            r => r.Request.Method == "POST")));
        foreach (var page in pages) await page.WaitForLoadStateAsync(LoadState.Load);

        var won = new List<IPage>();
        var lost = new List<IPage>();
        foreach (var page in pages)
            (await page.GetByRole(AriaRole.Status).CountAsync() > 0 ? won : lost).Add(page);
        Assert.Single(won);
        Assert.Single(lost);
        await Expect(won[0].GetByRole(AriaRole.Status)).ToContainTextAsync($"har fået plads på {name}");
        var loser = lost[0];
        await Expect(loser.GetByRole(AriaRole.Alert).First).ToContainTextAsync($"Den sidste ledige seng på {name} blev taget af en anden");
        // Tonight's alternatives are on the same page, and the taken place is no longer among them.
        Assert.True(await loser.GetByRole(AriaRole.Button, new() { Name = "Tildel plads", Exact = false }).CountAsync() > 0);
        Assert.Equal(0, await loser.GetByRole(AriaRole.Button, new() { Name = $"Tildel plads på {name}" }).CountAsync());
        await CheckAsync(browser, loser);
        await ScreenshotAsync(loser, "officer-last-bed-taken-desktop");

        await using var db = browser.NewDb();
        var stays = await db.Placements.Where(p => p.FacilityId == facility).ToListAsync();
        Assert.Single(stays);
        Assert.Contains(stays[0].PersonId, new[] { first, second });
    }

    [Fact]
    public async Task DoubleClickOnAllocate_AllocatesOnce_AndSaysSo()
    {
        var facility = await _build.FacilityAsync("Section110Shelter");
        await _build.UnitAsync(facility, beds: 3);
        var name = await FacilityNameAsync(browser, facility);
        var person = await _build.PersonAsync(new LocalDate(1975, 1, 20));
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await SignInAsync(page, "Boligsagsbehandler", 175);
        await page.GotoAsync($"/sagsbehandler/person/{person}/find-plads");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Tildel plads på {name}" }).DblClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"har fået plads på {name}");

        // The same form sent twice at once (a browser that does not drop the second click, a retry on a poor connection).
        var other = await _build.PersonAsync(new LocalDate(1979, 6, 11));
        await page.GotoAsync($"/sagsbehandler/person/{other}/find-plads");
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = $"Tildel plads på {name}" }) });
        var token = await form.Locator("input[name=__RequestVerificationToken]").InputValueAsync();
        var action = await form.GetAttributeAsync("action");
        var api = page.Context.APIRequest;
        IFormData Form() => api.CreateFormData().Set("__RequestVerificationToken", token).Set("FacilityId", facility.ToString());
        var replies = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => api.PostAsync(action!,
            new APIRequestContextOptions { Form = Form(), MaxRedirects = 0 })));
        Assert.All(replies, r => Assert.Equal(302, r.Status));
        Assert.All(replies, r => Assert.Equal($"/sagsbehandler/person/{other}", r.Headers["location"]));

        await using var db = browser.NewDb();
        Assert.Equal(1, await db.Placements.CountAsync(p => p.PersonId == person));
        Assert.Equal(1, await db.Placements.CountAsync(p => p.PersonId == other));
    }
}
