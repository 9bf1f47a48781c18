namespace HousingCapacity.Api;

/// <summary>
/// What the app's commands (<c>seed</c>, <c>municipality</c>, and the configuration of <c>token</c>) run in: the configuration the API
/// reads
/// (appsettings.json next to the binaries, environment variables, <c>--Database:…</c> arguments), the CPR keys of the
/// environment and the database, with the system as the caller.
/// </summary>
public static class CommandHost
{
    /// <summary>appsettings.json next to the binaries, environment variables and the <c>--Database:…</c> and <c>--Security:…</c>
    /// arguments.</summary>
    public static IConfiguration Configuration(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args.Where(a => a.StartsWith("--Database:", StringComparison.Ordinal)
            || a.StartsWith("--Security:", StringComparison.Ordinal)).ToArray())
        .Build();

    /// <summary>The configured database (section "Database"), for a command that opens it itself.</summary>
    public static DatabaseOptions Database(string[] args) =>
        Configuration(args).GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();

    public static ServiceProvider Create(string[] args)
    {
        var configuration = Configuration(args);
        var cprKeys = CprProtection.From(configuration.GetSection("Security").Get<CprKeyOptions>() ?? new(),
            allowDevelopmentKeys: IsDevelopment);
        return new ServiceCollection().AddLogging().AddHousingDatabase(configuration, cprKeys).BuildServiceProvider();
    }

    /// <summary>
    /// Runs a command's work on the configured database, its schema brought up to date first, as <paramref name="caller"/> (the
    /// system: the access log names the command).
    /// </summary>
    public static async Task<int> RunOnDatabaseAsync(string[] args, Caller caller, Func<HousingDbContext, Task<int>> work)
    {
        await using var services = Create(args);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerScope>().Current = caller;
        var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
        try
        {
            var owner = services.GetRequiredService<DatabaseOptions>().OwnerConnectionString;
            await DatabaseSetup.MigrateAsync(db, ownerConnectionString: owner);
        }
        catch (System.Data.Common.DbException e)
        {
            // One line for the operator (unreachable server, a login without the right to create the schema), no stack trace.
            Console.Error.WriteLine($"The database could not be opened or brought up to date: {OData.Privacy.Scrub(e.Message)}");
            return Host.ExitCodes.DatabaseUnavailable;
        }
        return await work(db);
    }

    public static bool IsDevelopment =>
        (Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? "Production")
        .Equals("Development", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value after <paramref name="name"/> in the arguments, if any.</summary>
    public static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
