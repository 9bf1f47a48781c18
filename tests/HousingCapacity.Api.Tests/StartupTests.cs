using System.Security.Cryptography;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Starting outside Development (issue 10, findings 8 and 9): the public development keys are refused, demo data only when
/// asked for, and a refused start is one clear line and exit code 1, not a crash.
/// </summary>
public class StartupTests
{
    private static string RealKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static async Task<(int ExitCode, string Out, string Error)> StartAsync(params string[] settings)
    {
        using var file = new TempDatabase("start");
        return await ApiCommand.RunAsync("Production", [.. file.Arguments, "--Urls=http://127.0.0.1:0", .. settings]);
    }

    private static void AssertOneClearLine((int ExitCode, string Out, string Error) run, string reason)
    {
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("HousingCapacity did not start: ", line);
        Assert.Contains(reason, line);
        Assert.DoesNotContain("   at ", run.Error + run.Out);
    }

    [Fact]
    public async Task MalformedCountingYearThreshold_StopsTheStart_NamingTheSetting() =>
        AssertOneClearLine(await StartAsync($"--Authentication:SigningKeys:0={RealKey()}", $"--Security:CprEncryptionKey={RealKey()}",
            $"--Security:CprLookupKey={RealKey()}", "--PlacementRules:CountingYearThresholds:0=1. april 2026: 90"),
                "CountingYearThresholds");

    [Fact]
    public async Task AnAccessLogRetentionOfLessThanSixMonths_StopsTheStart_NamingTheSetting() =>
        AssertOneClearLine(await StartAsync($"--Authentication:SigningKeys:0={RealKey()}", $"--Security:CprEncryptionKey={RealKey()}",
            $"--Security:CprLookupKey={RealKey()}", "--AccessLog:RetentionMonths=3"), "AccessLog:RetentionMonths");

    [Fact]
    public async Task Production_WithTheDevelopmentSigningKey_ExitsWithOneLineAndCode1()
    {
        AssertOneClearLine(await StartAsync($"--Authentication:SigningKeys:0={Authentication.DevelopmentSigningKey}"), "development key");
    }

    [Fact]
    public async Task Production_WithoutSigningKeysOrAnAuthority_ExitsWithOneLineAndCode1()
    {
        AssertOneClearLine(await StartAsync(), "Authentication:Authority");
    }

    [Fact]
    public async Task Production_WithoutCprKeys_ExitsWithOneLineAndCode1()
    {
        AssertOneClearLine(await StartAsync($"--Authentication:SigningKeys:0={RealKey()}"), "Security:CprEncryptionKey");
    }

    [Theory]
    [InlineData("encryption")]
    [InlineData("lookup")]
    public async Task Production_WithAPublicDevelopmentCprKey_ExitsWithOneLineAndCode1(string which)
    {
        var (encryption, lookup) = which == "encryption"
            ? (CprProtection.DevelopmentKeyBase64("encryption"), RealKey())
            : (RealKey(), CprProtection.DevelopmentKeyBase64("lookup"));
        AssertOneClearLine(await StartAsync($"--Authentication:SigningKeys:0={RealKey()}", $"--Security:CprEncryptionKey={encryption}",
            $"--Security:CprLookupKey={lookup}"), "public development key");
    }

    [Fact]
    public async Task ADatabaseWrittenWithOtherCprKeys_StopsTheStart_NamingTheKey()
    {
        // Issue 23, finding 12: a backup restored on a machine with other keys.
        using var file = new TempDatabase("keys");
        var (signing, encryption, lookup) = (RealKey(), RealKey(), RealKey());
        var seeded = await ApiCommand.RunAsync("Production", ["seed", "--persons", "5", .. file.Arguments,
            $"--Authentication:SigningKeys:0={signing}", $"--Security:CprEncryptionKey={encryption}", $"--Security:CprLookupKey={lookup}"]);
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        AssertOneClearLine(await ApiCommand.RunAsync("Production", [.. file.Arguments, "--Urls=http://127.0.0.1:0",
            $"--Authentication:SigningKeys:0={signing}", $"--Security:CprEncryptionKey={RealKey()}", $"--Security:CprLookupKey={lookup}"]),
            "Security:CprEncryptionKey is not the key");
        AssertOneClearLine(await ApiCommand.RunAsync("Production", [.. file.Arguments, "--Urls=http://127.0.0.1:0",
            $"--Authentication:SigningKeys:0={signing}", $"--Security:CprEncryptionKey={encryption}",
                $"--Security:CprLookupKey={RealKey()}"]),
            "Security:CprLookupKey is not the key");
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "HousingCapacity.Api";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", null, true)]
    [InlineData("Development", "false", false)]
    public async Task DemoData_IsSeededInDevelopment_OrWhenAskedFor_NeverByDefaultInProduction(string environment, string? setting,
        bool seeded)
    {
        using var file = new TempDatabase("seeding");
        var values = new Dictionary<string, string?>
            { ["Database:Provider"] = file.Provider, ["Database:ConnectionString"] = file.ConnectionString };
        if (setting is not null) values["Database:SeedDemoData"] = setting;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IHostEnvironment>(new Environment(environment))
            .AddHousingDatabase(configuration, CprProtection.Development).BuildServiceProvider();

        await DatabaseSetup.InitialiseAsync(services);

        await using var db = new HousingDbContext(file.Options());
        Assert.Equal(seeded, await db.Municipalities.AnyAsync());
    }
}
