using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.Features.Capacity;
using HousingCapacity.Api.Features.Catalogue;
using HousingCapacity.Api.Features.Holds;
using HousingCapacity.Api.Features.Imports;
using HousingCapacity.Api.Features.NoticedStays;
using HousingCapacity.Api.Features.Transitions;
using HousingCapacity.Api.Features.ExtraCapacity;
using HousingCapacity.Api.Features.Persons;
using HousingCapacity.Api.Features.Shared;
using HousingCapacity.Api.Features.Turnaways;
using HousingCapacity.Api.Features.Waitlists;
using HousingCapacity.Api.Features.YouthPolicies;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Reporting;

namespace HousingCapacity.Api.Host;

/// <summary>The web host: the API and the pages, their services and their pipeline.</summary>
public static class HousingApp
{
    /// <summary>Starts the host and runs until it stops; a refused start is one line on stderr and exit code 1.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var app = CreateApp(args);
            _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlacementPolicy>>().Value;
            _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccessLogOptions>>().Value;
            await DatabaseSetup.InitialiseAsync(app.Services);
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is StartupRefusedException or Microsoft.Extensions.Options.OptionsValidationException
                                      or IOException or System.Data.Common.DbException)
        {
            // One clear line, not a crash with a stack trace (exit 134): the operator reads it in the service's log.
            Console.Error.WriteLine($"HousingCapacity did not start: {Privacy.Scrub(e.Message)}");
            return 1;
        }
    }

    private static WebApplication CreateApp(string[] args)
    {
        // Microsoft.AspNetCore.OData runs a page's query (and $count) synchronously inside its query filter, so a burst of readers
        // holds pool threads; the pool would otherwise grow by about one thread every half second while requests wait (measured
        // with the load test: a facility read's p50 was 182 ms under 80 clients with the default minimum, 6 ms with this one).
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), completionPorts);
        // The root appsettings.json is linked into the output folder: read it from there, wherever the app is started.
        // (The test host sets its own content root.)
        var contentRootGiven = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRootGiven ? null : AppContext.BaseDirectory,
        });
        // Request URLs can carry a CPR number ($filter=Cpr eq '…'): the host's request lines are never logged, whatever the
        // configuration says (a rule added in code after the configuration's wins for the same category).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        // And whatever is logged, by anyone, has CPR-like numbers masked before it reaches a provider.
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory, RedactingLoggerFactory>());

        // Outside Development the public development signing key is refused, as are the development CPR keys below. The token
        // check comes first, as it always has.
        builder.Services.AddTokenAuthentication(builder.Configuration, builder.Environment.IsDevelopment());
        // The web pages: a cookie session over the same claims (OpenID Connect in production, a demo-user picker in Development).
        builder.Services.AddPageSignIn(builder.Configuration, builder.Environment.IsDevelopment());
        // Several API processes on several machines must share the data protection keys that protect the session cookie and the
        // antiforgery tokens: a folder they all reach (its files are the keys: readable by the API's user only).
        if (builder.Configuration["DataProtection:KeysFolder"] is { Length: > 0 } keysFolder)
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keysFolder))
                .SetApplicationName("HousingCapacity");
        builder.Services.AddHousingPages();
        // The database's CPR keys, checked now: a start with missing or public keys outside Development is refused.
        var cprKeys = CprProtection.From(builder.Configuration.GetSection("Security").Get<CprKeyOptions>() ?? new(),
            allowDevelopmentKeys: builder.Environment.IsDevelopment());
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        builder.Services.AddScoped<PersonsInResponse>();
        builder.Services.AddAbuseLimits(builder.Configuration);
        builder.Services.AddOptions<AccessLogOptions>().Bind(builder.Configuration.GetSection("AccessLog"))
            .Validate(o => o.RetentionMonths is null or >= AccessLogRetention.MinimumMonths,
                $"AccessLog:RetentionMonths must be at least {AccessLogRetention.MinimumMonths} (or unset: keep the log for good).")
            .Validate(o => o.PurgeIntervalHours >= 1, "AccessLog:PurgeIntervalHours must be at least 1.");
        builder.Services.AddHostedService<AccessLogRetentionService>();
        builder.Services.AddReadinessChecks();
        builder.AddHousingTelemetry();
        builder.Services.AddHousingDatabase(builder.Configuration, cprKeys);
        builder.Services.AddScoped<MonthlyReportBuilder>();
        // The features of the API, each with its entity sets, actions and functions (Features/<Feature>/).
        builder.Services.AddHousingOData(builder.Configuration,
        [
            new CatalogueFeature(), new CapacityFeature(), new PersonsFeature(), new AllocationFeature(), new WaitlistsFeature(),
            new TurnawaysFeature(), new HoldsFeature(), new YouthPoliciesFeature(), new NoticedStaysFeature(), new TransitionsFeature(),
            new ExtraCapacityFeature(),
        ]);

        var app = builder.Build();
        app.UseExceptionHandler(error => error.Run(async http =>
        {
            // A page gets a page, the API an OData error; neither a stack trace. A database that cannot be reached is 503 on both.
            var error = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
            var classified = error is null ? null : HousingCapacity.Api.Data.DatabaseGuards.Classify(error);
            var unavailable = classified is { Kind: RefusalKind.Unavailable };
            if (!PageSignIn.IsApiPath(http.Request.Path))
            {
                await PagesSetup.WriteUnexpectedErrorAsync(http.Response, unavailable);
                return;
            }
            var problem = unavailable ? ODataProblem.From(classified!)
                : new ODataProblem(500, "InternalError", "Der opstod en uventet fejl.", "An unexpected error occurred.");
            await problem.WriteAsync(http.Response);
        }));
        app.UseSecurityHeaders();
        app.UseTokenAuthentication();
        app.UseHousingPageErrors();
        // After authentication: the limits count per user.
        app.UseRateLimiter();
        app.UseHousingOData();
        // After routing: a page's role is checked on its endpoint.
        app.UseAuthorization();
        // Asks the database (a query, not just a connection), so that a load balancer takes a process off when its database is gone.
        app.MapGet("/health", async (HousingDbContext db, CancellationToken ct) =>
        {
            var health = await HealthCheck.CheckAsync(db, ct);
            return health.Ok ? Results.Ok(new { status = health.Text }) : Results.Json(new { status = health.Text }, statusCode: 503);
        });
        app.MapReadiness();
        app.MapControllers();
        app.MapReports();
        app.MapDstExport();
        CapacityImport.MapCapacityImport(app);
        app.MapHousingPages();
        return app;
    }
}
