using HousingCapacity.Api;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.Features.Capacity;
using HousingCapacity.Domain;
using HousingCapacity.Api.Features.Catalogue;
using HousingCapacity.Api.Features.Persons;
using HousingCapacity.Api.Features.Waitlists;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

if (args.Length > 0 && args[0] == "seed")
    return await SeedCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "municipality")
    return await MunicipalityCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "token")
    return TokenCommand.Run(args[1..]);

try
{
    var app = CreateApp(args);
    await DatabaseSetup.InitialiseAsync(app.Services);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is StartupRefusedException or Microsoft.Extensions.Options.OptionsValidationException or IOException
                              or Microsoft.Data.Sqlite.SqliteException)
{
    // One clear line, not a crash with a stack trace (exit 134): the operator reads it in the service's log.
    Console.Error.WriteLine($"HousingCapacity did not start: {HousingCapacity.Api.OData.Privacy.Scrub(e.Message)}");
    return 1;
}

static WebApplication CreateApp(string[] args)
{
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
    // check comes first because it changes nothing: CPR keys are process-wide.
    builder.Services.AddTokenAuthentication(builder.Configuration, builder.Environment.IsDevelopment());
    // CPR keys before the database: the EF model's converter uses them.
    HousingCapacity.Api.Security.CprProtection.Configure(
        builder.Configuration.GetSection("Security").Get<HousingCapacity.Api.Security.CprKeyOptions>() ?? new(),
        allowDevelopmentKeys: builder.Environment.IsDevelopment());
    builder.Services.AddSingleton<IClock>(SystemClock.Instance);
    builder.Services.AddScoped<PersonsInResponse>();
    builder.Services.AddAbuseLimits(builder.Configuration);
    builder.Services.AddHousingDatabase(builder.Configuration);
    builder.Services.AddODataService(builder.Configuration);
    builder.Services.AddSingleton<IEntitySetWriter, MunicipalityWriter>();
    builder.Services.AddSingleton<IEntitySetWriter, FacilityWriter>();
    builder.Services.AddSingleton<IEntitySetWriter, UnitWriter>();
    builder.Services.AddSingleton<IEntitySetWriter, CapacityReportWriter>();
    builder.Services.AddSingleton<IEntitySetWriter, PersonWriter>();
    builder.Services.AddSingleton<IEntitySetWriter, WaitlistWriter>();
    builder.Services.Configure<PlacementPolicy>(builder.Configuration.GetSection("PlacementRules"));
    builder.Services.AddSingleton<IEntitySetWriter>(sp => sp.GetRequiredService<PlacementAllocation>());
    builder.Services.Configure<HousingCapacity.Api.Features.Holds.BedHoldOptions>(builder.Configuration.GetSection("BedHolds"));
    builder.Services.AddSingleton<IEntitySetWriter, HousingCapacity.Api.Features.Holds.BedHoldWriter>();
    builder.Services.AddSingleton<IEntitySetWriter, HousingCapacity.Api.Features.Turnaways.TurnawayWriter>();
    builder.Services.AddSingleton<IEntityFunction, HousingCapacity.Api.Features.Availability.AvailabilityFunction>();
    builder.Services.AddSingleton<IEntityFunction, HousingCapacity.Api.Features.Availability.EligiblePlacesFunction>();
    builder.Services.AddSingleton<IEntityFunction, LongStaysFunction>();
    builder.Services.AddSingleton<IEntityFunction, HousingCapacity.Api.Features.Persons.FindByCprFunction>();
    builder.Services.AddSingleton<IEntityFunction, HousingCapacity.Api.Features.Persons.AccessLogFunction>();
    builder.Services.Configure<WaitlistOptions>(builder.Configuration.GetSection("Waitlists"));
    builder.Services.AddSingleton<IEntitySetWriter, WaitlistEntryWriter>();
    builder.Services.AddSingleton<PlacementAllocation>();
    builder.Services.AddSingleton<IEntityAction, OfferNextAction>();
    builder.Services.AddSingleton<IEntityAction, AcceptOfferAction>();
    builder.Services.AddSingleton<IEntityAction, DeclineOfferAction>();
    builder.Services.AddHostedService<OfferExpiryService>();
    builder.Services.AddScoped<HousingCapacity.Api.Reporting.MonthlyReportBuilder>();
    builder.Services.AddSingleton<ICollectionAction, CheckInAction>();
    builder.Services.AddSingleton<IEntityAction, DischargeAction>();
    builder.Services.AddSingleton<IEntityAction, MarkNotifiedAction>();
    builder.Services.AddSingleton<IEntityAction, RenewSupportAction>();

    var app = builder.Build();
    app.UseExceptionHandler(error => error.Run(async http =>
        await new ODataProblem(500, "InternalError", "Der opstod en uventet fejl.", "An unexpected error occurred.").WriteAsync(http.Response)));
    app.UseSecurityHeaders();
    app.UseTokenAuthentication();
    // After authentication: the limits count per user.
    app.UseRateLimiter();
    app.MapGet("/", () => Results.Redirect("/odata"));
    app.MapGet("/health", async (HousingDbContext db) =>
        await db.Database.CanConnectAsync() ? Results.Ok(new { status = "ok" }) : Results.Json(new { status = "database unavailable" }, statusCode: 503));
    app.MapOData();
    app.MapReports();
    HousingCapacity.Api.Features.Imports.CapacityImport.MapCapacityImport(app);
    return app;
}

public partial class Program;
