using System.Collections.Concurrent;
using System.Data.Common;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.Security;
using HousingCapacity.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace HousingCapacity.Api.Tests.Infrastructure;

/// <summary>Records every SQL command, so tests can check that the database did the work.</summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    public ConcurrentQueue<string> Commands { get; } = new();
    /// <summary>The same commands with their parameters' names and values (to EXPLAIN them as they ran).</summary>
    public ConcurrentQueue<(string Sql, (string Name, object? Value)[] Parameters)> Statements { get; } = new();

    private void Record(DbCommand command)
    {
        Commands.Enqueue(command.CommandText);
        Statements.Enqueue((command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray()));
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    // The OData library runs a page (and $count) synchronously while it applies the query.
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }
}

/// <summary>The API over Kestrel on a loopback port: for requests the in-memory test server cannot carry (a %00 in the path).</summary>
public sealed class KestrelApiFixture : ApiFixture
{
    protected override bool OverKestrel => true;
}

/// <summary>
/// The API over a real database of its own (SQLite, or PostgreSQL: see <see cref="TempDatabase"/>), seeded with the deterministic demo data
/// as of 2026-11-22
/// (evening, Copenhagen time). One per test class; tests that write use their own records.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public static readonly LocalDate Today = new(2026, 11, 22);

    private readonly TempDatabase _file = new("test");
    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 22, 19, 0));
    public SqlRecorder Sql { get; } = new();
    public FaultInjector Faults { get; } = new();
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    /// <summary>Carries a HousingOfficer token of Rødovre (175, municipality Id 1), like <see cref="OData"/>.</summary>
    public HttpClient Client { get; private set; } = null!;
    /// <summary>As a housing officer of Rødovre (175, municipality Id 1): most tests are about persons and placements.</summary>
    public ODataTestClient OData { get; private set; } = null!;
    /// <summary>As an Administrator: the catalogue (municipalities, facilities, units).</summary>
    public ODataTestClient Admin { get; private set; } = null!;

    /// <summary>A token as the development identity provider (the `token` command) would sign it.</summary>
    public static string Token(Role role, int municipalityCode = 175, params int[] facilityIds) =>
        Authentication.IssueToken(new AuthenticationOptions(), new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(
                Convert.FromBase64String(Authentication.DevelopmentSigningKey)),
                    $"test-{role}-{municipalityCode}-{string.Join("-", facilityIds)}",
            role, municipalityCode, facilityIds, DateTime.UtcNow, TimeSpan.FromHours(1));

    /// <summary>A token of a named user (a budget or a cap counted per user starts afresh for a new name).</summary>
    public static string TokenFor(string user, Role role, int municipalityCode = 175, params int[] facilityIds) =>
        Authentication.IssueToken(new AuthenticationOptions(), new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(
            Convert.FromBase64String(Authentication.DevelopmentSigningKey)), user, role, municipalityCode, facilityIds, DateTime.UtcNow,
            TimeSpan.FromHours(1));

    public ODataTestClient As(Role role, int municipalityCode = 175, params int[] facilityIds) => OData.WithToken(Token(role,
        municipalityCode, facilityIds));

    /// <summary>As shelter staff of these facilities (municipality 175 unless said).</summary>
    public ODataTestClient Staff(params int[] facilityIds) => As(Role.ShelterStaff, 175, facilityIds);

    /// <summary>A plain HTTP client with a token, for reports and imports.</summary>
    public HttpClient HttpAs(Role role, int municipalityCode = 175, params int[] facilityIds)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token(role,
            municipalityCode, facilityIds));
        return client;
    }
    public string ConnectionString => _file.ConnectionString;
    /// <summary>The fixture's database (its provider, its command-line settings).</summary>
    public TempDatabase Database => _file;

    /// <summary>Settings of a fixture's own, over the suite's (a limit a test class checks, say).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    /// <summary>Services of a fixture's own, after the app's (an exporter that keeps the traces in memory, say).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>Serve over Kestrel on a loopback port instead of the in-memory test server: requests travel as bytes on a socket.</summary>
    protected virtual bool OverKestrel => false;

    /// <summary>Who <see cref="Client"/> and <see cref="OData"/> are (the municipality must be in the fixture's data).</summary>
    protected virtual (Role Role, int MunicipalityCode) DefaultCaller => (Role.HousingOfficer, 175);

    public virtual async Task InitializeAsync()
    {
        Factory = CreateFactory();
        if (OverKestrel) StartKestrel();
        Client = Factory.CreateClient();
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            Token(DefaultCaller.Role, DefaultCaller.MunicipalityCode));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CallerScope>().Current = Caller.System("test-setup", auditWrites: false);
            var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
            await DatabaseSetup.MigrateAsync(db);
            await SeedAsync(db);
        }
        OData = await ODataTestClient.CreateAsync(Client);
        Admin = OData.WithToken(Token(Role.Administrator, DefaultCaller.MunicipalityCode));
    }

    private WebApplicationFactory<Program> CreateFactory() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("Database:Provider", _file.Provider);
        b.UseSetting("Database:ConnectionString", ConnectionString);
        b.UseSetting("Database:SeedDemoData", "false");
        b.UseSetting("OData:DefaultPageSize", "50");
        b.UseSetting("OData:MaxTop", "500");
        b.UseSetting("OData:MaxRequestBodyBytes", "4096");
        // The suite writes far faster than a person; RateLimitTests checks the limits with a host of its own.
        b.UseSetting("RateLimits:WritesPerMinute", "100000");
        b.UseSetting("RateLimits:HeavyQueriesPerMinute", "100000");
        b.UseSetting("CprLookups:PerWindow", "100000");
        b.UseSetting("BedHolds:MaxOpenPerUser", "100000");
        b.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        foreach (var (key, value) in Settings) b.UseSetting(key, value);
        b.ConfigureLogging(l => l.AddProvider(new LogSink()));
        b.ConfigureServices(s =>
        {
            s.AddSingleton<IClock>(Clock);
            s.AddSingleton(Sql);
            s.ConfigureDbContext<HousingDbContext>(o => o.AddInterceptors(Sql, Faults));
            ConfigureServices(s);
        });
    });

    /// <summary>
    /// The host on a real port. On a loaded machine the host has been seen to stop while it started (the factory then throws
    /// ObjectDisposedException; seen twice in many runs, and for every browser fixture of one run while two suites ran at once on
    /// the two cores; the cause not found): two fresh attempts, and a third failure is the test's.
    /// </summary>
    private void StartKestrel()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Factory.UseKestrel(0);
                Factory.StartServer();
                return;
            }
            catch (ObjectDisposedException) when (attempt < 3)
            {
                Console.Error.WriteLine("The test host stopped while starting over Kestrel; starting a fresh one.");
                Factory = CreateFactory();
            }
        }
    }

    /// <summary>The data the tests run on: the demo data unless a fixture builds its own.</summary>
    protected virtual Task SeedAsync(HousingDbContext db) =>
        DatabaseSetup.SeedAsync(db, new DemoDataOptions { Today = Today, PersonsPerMunicipality = 150 });

    /// <summary>A fresh context on the same database, for checking what the API did against direct queries. It shares the host's
    /// parts of the database (its write gate, its report cache), as a context of the host would.</summary>
    public HousingDbContext NewDb() =>
        new(_file.Options(), CallerScope.ForSystem("direct"), SystemClock.Instance, Shared);

    /// <summary>What the host's contexts share of the database (<see cref="HousingDatabase"/>).</summary>
    public HousingDatabase Shared => Factory.Services.GetRequiredService<HousingDatabase>();

    /// <summary>
    /// The database as the default caller (<see cref="OData"/>) sees it through the same query filters: for comparing what the
    /// API answers with a direct query. Whether the filters themselves are right is AccessMatrixTests' and AccessScopeTests' business.
    /// </summary>
    public HousingDbContext CallerDb()
    {
        using var db = NewDb();
        var id = db.Municipalities.Single(m => m.Code == DefaultCaller.MunicipalityCode).Id;
        var scope = new CallerScope { Current = Caller.Person("test", DefaultCaller.Role, id, DefaultCaller.MunicipalityCode, []) };
        return new HousingDbContext(_file.Options(), scope, Clock, Shared);
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        _file.Dispose();
    }
}

/// <summary>
/// Makes the next commands that contain a given text fail as PostgreSQL would (a serialization failure, a deadlock): for
/// the retry and the 503 the API owes such failures, which two real transactions produce only by chance.
/// </summary>
public sealed class FaultInjector : DbCommandInterceptor
{
    private string? _match;
    private int _times;

    /// <summary>How many commands were failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);
    private int _failed;

    public void FailNext(string commandContains, string sqlState, int times) =>
        FailNextWith(commandContains, () => new Npgsql.PostgresException("injected by the test", "ERROR", "ERROR", sqlState), times);

    /// <summary>The next commands containing the text fail with the exception <paramref name="make"/> makes (a full disk, say).</summary>
    public void FailNextWith(string commandContains, Func<Exception> make, int times)
    {
        (_match, _make) = (commandContains, make);
        Volatile.Write(ref _times, times);
    }

    private Func<Exception> _make = () => new InvalidOperationException();

    private void MaybeFail(DbCommand command)
    {
        if (_match is null || !command.CommandText.Contains(_match, StringComparison.Ordinal)) return;
        if (Interlocked.Decrement(ref _times) < 0) return;
        Interlocked.Increment(ref _failed);
        throw _make();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        MaybeFail(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        MaybeFail(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
