using HousingCapacity.Api.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using NodaTime;
using NodaTime.Testing;

namespace HousingCapacity.Benchmarks;

/// <summary>
/// The API in process over the large data set, as a housing officer of Rødovre would call it, with the hand-written baselines
/// (<see cref="BaselineController"/>) in the same pipeline: the same authentication, caller scope and access log.
/// </summary>
// Any type of the API assembly names its entry point (this project has a Program of its own).
public sealed class BenchmarkHost(string provider, string connectionString)
    : WebApplicationFactory<HousingCapacity.Api.OData.ODataProblem>
{
    /// <summary>A SQLite file.</summary>
    public BenchmarkHost(string dbPath) : this(HousingCapacity.Api.Data.DatabaseOptions.Sqlite, $"Data Source={dbPath}") { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("RateLimits:WritesPerMinute", "1000000");
        builder.UseSetting("RateLimits:HeavyQueriesPerMinute", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 11, 22, 19, 0)));
            s.AddControllers().AddApplicationPart(typeof(BaselineController).Assembly);
        });
    }

    /// <summary>A token as the development identity provider signs it (the `token` command).</summary>
    public string OfficerToken() => Token(Role.HousingOfficer);

    public string Token(Role role)
    {
        var options = Services.GetRequiredService<AuthenticationOptions>();
        return Authentication.IssueToken(options, Authentication.SigningKeys(options, isDevelopment: true)[0], "benchmark",
            role, 175, [], DateTime.UtcNow, TimeSpan.FromHours(1));
    }
}
