using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("HousingCapacity.Api.Tests.LogScanLast", "HousingCapacity.Api.Tests")]

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The last test of the suite: every log line the API wrote while the whole suite ran (LogSink keeps them) is scanned for
/// CPR numbers. Test classes run one after another so that "last" means after everything else.
/// </summary>
[Collection(Name)]
public partial class LogScanTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    public const string Name = "Log scan (runs last)";

    [GeneratedRegex(@"(?<!\d)\d{6}-?\d{4}(?!\d)")]
    private static partial Regex CprLike();

    [Fact]
    public async Task Logs_OfTheWholeSuite_HoldNoCprNumber()
    {
        // Provoke the paths most likely to log here too: a failing lookup, a duplicate, a bad filter, a refused role.
        await api.OData.GetAsync("/odata/Persons?$filter=" + Uri.EscapeDataString("Cpr eq '010190-0123' and and"));
        await using var db = api.NewDb();
        var existing = await db.Persons.FirstAsync();
        await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Persons",
            $$"""{"Cpr":"{{existing.Cpr}}","FirstName":"X","LastName":"Y","MunicipalityId":1}""");
        await api.Staff(1).GetAsync($"/odata/Persons?$filter=Cpr eq '{existing.Cpr}'");
        await api.OData.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{existing.Cpr}')");
        // A CPR number in the path of requests that fail, in every way a request can fail.
        var cpr = existing.Cpr;
        foreach (var url in new[]
                 {
                     $"/odata/Persons/HousingCapacity.FindByCpr(cpr='{cpr}')?$filter=not%20null",
                     $"/odata/Persons/HousingCapacity.FindByCpr(cpr='{cpr!.Replace("-", "")}')?$orderby=null",
                     $"/odata/Persons({cpr})", $"/odata/{cpr}", $"/reports/monthly/{cpr}/2026-10.pdf",
                         $"/odata/Persons?$filter=Cpr eq '{cpr}' and NaN",
                 })
            await api.Client.GetAsync(url);
        using (var anonymous = api.Factory.CreateClient())
            await anonymous.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{cpr}')");

        // And whatever logs, logs through the masking factory.
        var logger = api.Factory.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()
            .CreateLogger("Test.AnyCategory");
        Microsoft.Extensions.Logging.LoggerExtensions.LogError(logger, new InvalidOperationException($"failed for {cpr}"),
            "Lookup of {Cpr} failed", cpr);
        Assert.Contains(LogSink.Lines, l => l.Contains("Test.AnyCategory") && l.Contains(cpr[..6] + "-XXXX")
            && l.Contains("InvalidOperationException"));

        var lines = LogSink.Lines.ToList();
        Assert.True(lines.Count > 50, $"only {lines.Count} log lines: is the sink still attached?");
        var leaks = lines.Where(line => CprLike().Matches(line).Any(m => !m.Value.EndsWith("XXXX", StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "CPR-like numbers in the logs:\n" + string.Join("\n", leaks.Take(5)));
    }
}

[CollectionDefinition(LogScanTests.Name)]
public sealed class LogScanCollection;

/// <summary>Runs the log scan's collection after every other (the rest in name order).</summary>
public sealed class LogScanLast : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == LogScanTests.Name).ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
