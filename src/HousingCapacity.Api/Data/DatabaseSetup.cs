using HousingCapacity.Seed;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HousingCapacity.Api.Data;

public static class DatabaseSetup
{
    /// <summary>The database with the CPR keys its numbers are protected with: one <see cref="HousingDatabase"/> for the host, and a
    /// context per scope.</summary>
    public static IServiceCollection AddHousingDatabase(this IServiceCollection services, IConfiguration configuration,
        CprProtection cprKeys)
    {
        // Read when first needed (not now), so that settings added by a test host or the command line count.
        services.AddOptions<DateWindow>().Bind(configuration.GetSection("Dates"))
            .Validate(o => o.MaxDaysAhead >= 1, "Dates:MaxDaysAhead must be at least 1.");
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection("Database"))
            .Validate(o => o.IsSqlite || o.IsPostgreSql, "Database:Provider must be 'Sqlite' or 'PostgreSQL'.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString must be set.");
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value);
        services.AddSingleton(sp => new HousingDatabase(sp.GetRequiredService<DatabaseOptions>(), cprKeys));
        // What the context is made with: the caller (nobody until the request's token is read, Security/Authentication.cs,
        // or a job says it is the system) and the clock. Without either, DI would pick the context's tool constructor,
        // which sees everything and audits as "system:direct".
        services.AddScoped<Security.CallerScope>();
        services.AddSingleton<BackgroundLeader>();
        services.AddHostedService<Reporting.ReportCacheListener>();
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddDbContext<HousingDbContext>((sp, b) =>
        {
            var shared = sp.GetRequiredService<HousingDatabase>();
            var options = shared.Options;
            // Split queries: a paged $expand with collections inside it needs no SQL APPLY (which SQLite lacks); the same plans
            // on PostgreSQL, so that both providers run the same statements.
            if (options.IsPostgreSql)
                b.UseNpgsql(options.ConnectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
            else
                b.UseSqlite(options.ConnectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                    .AddInterceptors(shared.Pragmas!);
        });
        return services;
    }

    /// <summary>Creates or upgrades the schema, switches the file to WAL, and seeds an empty database when asked.</summary>
    public static async Task InitialiseAsync(IServiceProvider services, bool? seed = null, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        scope.ServiceProvider.GetRequiredService<Security.CallerScope>().Current = Security.Caller.System("setup", auditWrites: false);
        var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
        await MigrateAsync(db, ct, options.OwnerConnectionString);
        await Security.CprKeyCheck.EnsureKeysMatchDataAsync(db, ct);
        if (db.Shared.Cpr.HasPreviousKeys)
        {
            var left = await Security.CprKeyRotation.LeftAsync(db, ct);
            services.GetService<ILoggerFactory>()?.CreateLogger("HousingCapacity.CprKeys").LogWarning(left == 0
                ? "The previous CPR keys are configured and no CPR number is under them any more: remove them and restart"
                : "The CPR keys are being rotated: {Left} CPR numbers are not under the current keys yet (run rotate-cpr-keys)", left);
        }
        var development = services.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
        if (!(seed ?? options.SeedDemoData ?? development)) return;
        // Processes starting at once on an empty PostgreSQL database: one seeds, the others wait for it at this session lock and
        // then find the data there (issue 23). SQLite has one process per file.
        var postgreSql = db.Database.IsNpgsql();
        if (postgreSql)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgreSqlSchema.SeedLock})", ct);
        }
        try
        {
            if (!await db.Municipalities.AnyAsync(ct))
            {
                var clock = scope.ServiceProvider.GetRequiredService<IClock>();
                // The demo's "today" is the night it is now, as shelters count nights (before the morning hour: last evening's).
                var night = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlacementPolicy>>().Value
                    .NightEndsAtHour;
                await SeedAsync(db, new DemoDataOptions { Today = DanishTime.Night(clock, night) });
            }
        }
        finally
        {
            if (postgreSql)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgreSqlSchema.SeedLock})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// Brings the schema to the newest version. On PostgreSQL through <paramref name="ownerConnectionString"/> when given (the
    /// schema's owner, who then grants the application's login its rights), else through the context's own connection.
    /// </summary>
    public static async Task MigrateAsync(HousingDbContext db, CancellationToken ct = default, string? ownerConnectionString = null)
    {
        if (db.Database.IsNpgsql())
        {
            await PostgreSqlSchema.MigrateAsync(db.Database.GetConnectionString()!, ownerConnectionString, db.Shared.Cpr, ct);
            return;
        }
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(ct);
            await new SchemaMigrator(connection, DatabaseOptions.Sqlite).MigrateAsync(ct: ct);
            await ProtectClearTextCprAsync(connection, db.Shared.Cpr, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Encrypts CPR numbers stored in clear text by schema versions before 6, and gives them their lookup hash.</summary>
    public static async Task ProtectClearTextCprAsync(System.Data.Common.DbConnection connection, CprProtection keys,
        CancellationToken ct = default)
    {
        var rows = new List<(long Id, string Cpr)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = """SELECT "Id", "Cpr" FROM "Persons" WHERE "CprHash" IS NULL AND "Cpr" IS NOT NULL""";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1)));
        }
        if (rows.Count == 0) return;
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var (id, stored) in rows)
        {
            var cpr = keys.Decrypt(stored);
            await using var update = connection.CreateCommand();
            update.Transaction = tx;
            update.CommandText = """UPDATE "Persons" SET "Cpr" = @cpr, "CprHash" = @hash WHERE "Id" = @id""";
            SchemaMigrator.AddParameter(update, "@cpr", keys.Encrypt(cpr));
            SchemaMigrator.AddParameter(update, "@hash", keys.Hash(cpr));
            SchemaMigrator.AddParameter(update, "@id", (int)id);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public static async Task SeedAsync(HousingDbContext db, DemoDataOptions options)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await new DemoDataGenerator(options).GenerateAsync(new EfStore(db));
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    /// <summary>The tables of the records (all but the access log and the schema's own), each after those that refer to it: the order
    /// they are emptied in.</summary>
    public static readonly IReadOnlyList<string> RecordTables = [Reporting.ClosedMonthCorrections.Table, "Transitions", "ExtraBeds",
        "NoticedStays", "BedHolds", "Offers", "WaitlistEntries", "Waitlists", "Turnaways", "SupportPeriods", "Placements",
        "YouthPolicies", "CapacityReports", "Persons", "Units", "Facilities", "Municipalities"];

    /// <summary>Removes every record (schema kept), for re-seeding.</summary>
    public static async Task ClearAsync(HousingDbContext db)
    {
        var logLines = await db.Unscoped<Security.AccessLogEntry>().CountAsync();
        if (logLines > 0)
            throw new InvalidOperationException($"The access log has {logLines} lines and cannot be erased; " +
                                                "to start again with demo data, delete the database file (and its -wal and -shm files).");
        var tables = RecordTables;
#pragma warning disable EF1002 // table names are constants (RecordTables), not input
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t}\""))} RESTART IDENTITY");
        else
            foreach (var table in tables)
                await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table}; DELETE FROM sqlite_sequence WHERE name = '{table}';");
#pragma warning restore EF1002
    }

    private sealed class EfStore(HousingDbContext db) : IDemoDataStore
    {
        public async Task SaveAsync(IReadOnlyCollection<Entity> entities)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            foreach (var chunk in entities.Chunk(5000))
            {
                db.AddRange(chunk);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            await tx.CommitAsync();
        }
    }
}
