using System.Text.Json;
using HousingCapacity.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>
/// The app over Kestrel on a loopback port, driven by Debian's Chromium through Playwright (which cannot download a browser here),
/// with axe-core (the npm package, unpacked by .ci/test) to inject into each page.
/// </summary>
public sealed class BrowserFixture : ApiFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string AxeVersion = "4.14.1";

    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    protected override bool OverKestrel => true;

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Client.BaseAddress!.ToString().TrimEnd('/');
    private string _axe = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var axe = Environment.GetEnvironmentVariable("AXE_CORE_JS") is { Length: > 0 } given ? given
            : Path.Combine(Path.GetTempPath(), $"axe-core-{AxeVersion}", "package", "axe.min.js");
        if (!File.Exists(axe))
            throw new InvalidOperationException($"axe-core {AxeVersion} is not unpacked at {axe}: run `bash .ci/test`, which installs it.");
        _axe = await File.ReadAllTextAsync(axe);
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run `bash .ci/test` (apt-get install chromium).");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // As root (CI) Chromium needs --no-sandbox.
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public override async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await base.DisposeAsync();
    }

    public async Task<IPage> NewPageAsync(ViewportSize size)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = size, Locale = "da-DK", BaseURL = BaseUrl, AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The serious and critical axe-core violations of the page as it is now (WCAG 2.1 A and AA, and best practice).</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'")) await page.EvaluateAsync(_axe);
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document,
                  { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }
            """);
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
