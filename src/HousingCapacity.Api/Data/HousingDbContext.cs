using Microsoft.EntityFrameworkCore.Infrastructure;

namespace HousingCapacity.Api.Data;

/// <summary>
/// The database, seen as the current caller may see it. Its query filters (<see cref="ReadScope"/>) are the one place that
/// decides which records a caller reads — entity sets, keys, navigation, $expand, $filter and $apply paths and functions all
/// query through them — and its save (<see cref="SaveChangesAsync"/>) the one place that checks what a caller may change
/// (<see cref="WriteScope"/>) and writes the access log in the same transaction. Code that must see everything to apply a
/// rule (capacity, double booking, report figures) says so with <see cref="Unscoped{T}"/>.
/// </summary>
public sealed class HousingDbContext(DbContextOptions<HousingDbContext> options, CallerScope scope, IClock clock) : DbContext(options)
{
    /// <summary>A context outside any request (tools, tests' own checks): it sees everything and audits its writes as
    /// "system:direct".</summary>
    public HousingDbContext(DbContextOptions<HousingDbContext> options) : this(options, CallerScope.ForSystem("direct"),
        SystemClock.Instance)
    { }

    public CallerScope Scope { get; } = scope;

    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Facility> Facilities => Set<Facility>();
    public DbSet<YouthPolicy> YouthPolicies => Set<YouthPolicy>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<CapacityReport> CapacityReports => Set<CapacityReport>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Placement> Placements => Set<Placement>();
    public DbSet<Waitlist> Waitlists => Set<Waitlist>();
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<Turnaway> Turnaways => Set<Turnaway>();
    public DbSet<BedHold> BedHolds => Set<BedHold>();
    public DbSet<SupportPeriod> SupportPeriods => Set<SupportPeriod>();
    public DbSet<NoticedStay> NoticedStays => Set<NoticedStay>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    /// <summary>The access log read a line per entry and person (the view AccessLogLines).</summary>
    public IQueryable<AccessLogLine> AccessLogLines => Set<AccessLogLine>().IgnoreQueryFilters();

    /// <summary>All records, whoever asks: for rules and aggregates that must count everything, never for answering with records.</summary>
    public IQueryable<T> Unscoped<T>() where T : class => Set<T>().IgnoreQueryFilters();

    /// <summary>One record by id, whoever asks (see <see cref="Unscoped{T}"/>); null when there is none.</summary>
    public Task<T?> FindUnscopedAsync<T>(int id,
        CancellationToken ct) where T : Entity => Unscoped<T>().SingleOrDefaultAsync(x => x.Id == id, ct);

    // What the query filters read at every query (EF Core parameterises members of the context).
    internal Caller Caller => Scope.Current;
    internal int ScopeMunicipalityId => Caller.MunicipalityId ?? 0;
    internal int[] ScopeFacilityIds => [.. Caller.FacilityIds];
    /// <summary>Staff see the persons staying at their facilities now or within the last <see cref="StaffRecentDays"/> days.</summary>
    internal DateOnly ScopeRecentSince => (_today ??= DanishTime.Today(clock)).PlusDays(-StaffRecentDays).ToDateOnly();
    private LocalDate? _today;
    public const int StaffRecentDays = 30;

    /// <summary>
    /// One model per kind of caller (<see cref="CallerScope.ModelKind"/>), each with only its own query filters. With one model
    /// for all, every filter was "@isSystem OR (@isOfficer AND …) OR (@isStaff AND …)", and SQLite, which plans a statement
    /// before it sees the values, could use no index for it (issue 14: the stays were scanned). The caller is fixed from the
    /// context's first use on (<see cref="CallerScope"/>).
    /// </summary>
    private sealed class ModelPerCaller : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime)
        {
            var db = (HousingDbContext)context;
            var kind = CallerScope.ModelKind(db.Caller);
            db.Scope.BoundModel = kind;
            return (context.GetType(), context.Database.ProviderName, kind, designTime);
        }
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, ModelPerCaller>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
        if (Database.IsNpgsql())
            // PostgreSQL's own types: date and timestamptz (which holds UTC only, so an instant is written at offset zero).
            StoreTimes<Converters.LocalDateAsDateConverter, Converters.InstantAsTimestampConverter, Converters.UtcTimestampConverter>(
                configurationBuilder);
        else
            StoreTimes<Converters.LocalDateConverter, Converters.InstantConverter, Converters.UtcInstantConverter>(configurationBuilder);
    }

    /// <summary>
    /// How dates and instants are stored: as properties, and as values that are not properties (e.g. arguments of the date-part
    /// functions).
    /// </summary>
    private static void StoreTimes<TDate, TInstant, TOffset>(ModelConfigurationBuilder b)
    {
        b.Properties<LocalDate>().HaveConversion<TDate>();
        b.Properties<Instant>().HaveConversion<TInstant>();
        b.Properties<DateTimeOffset>().HaveConversion<TOffset>();
        b.DefaultTypeMapping<LocalDate>().HasConversion<TDate>();
        b.DefaultTypeMapping<Instant>().HasConversion<TInstant>();
        b.DefaultTypeMapping<DateTimeOffset>().HasConversion<TOffset>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        SqlDateFunctions.Register(b, Database.IsNpgsql());
        // Each table's mapping is in Data/Mapping/ (one class per record, matching the scripts in Migrations/).
        b.ApplyConfigurationsFromAssembly(typeof(HousingDbContext).Assembly);
        // Set on every new stay from its facility (SaveChanges below), so that the officers' scope filter is indexable.
        b.Entity<Placement>().Property<int?>(FacilityMunicipalityId);
        DeclareGuardTriggers(b);
        // What each kind of caller may read, beside what it may write (Security/ReadScope.cs, Security/WriteScope.cs).
        ReadScope.Apply(b, this);
    }

    /// <summary>
    /// The guard triggers of migration 0008 (and 0003, 0007, declared above): EF must know a table has triggers, so that it
    /// does not rely on RETURNING alone when it saves to it.
    /// </summary>
    private static void DeclareGuardTriggers(ModelBuilder b)
    {
        b.Entity<Municipality>().ToTable(t => t.HasTrigger("TR_Municipalities_CodeImmutable"));
        b.Entity<Unit>().ToTable(t => { t.HasTrigger("TR_Units_Beds_Guard"); t.HasTrigger("TR_Units_OutOfService_Guard"); });
        b.Entity<Placement>().ToTable(t => { t.HasTrigger("TR_Placements_FollowUpDate_Insert"); t.HasTrigger("TR_Placements_FollowUpDate_Update"); });
        b.Entity<AccessLogEntry>().ToTable(t => t.HasTrigger("TR_AccessLog_NoReplace"));
        // Every table with a date or an instant has the date guards of migration 0008 (SchemaTests checks they exist).
        foreach (var table in DatedTables(b.Model))
        {
            var name = b.Entity(table).Metadata.GetTableName();
            b.Entity(table).ToTable(t => { t.HasTrigger($"TR_{name}_Dates_Insert"); t.HasTrigger($"TR_{name}_Dates_Update"); });
        }
    }

    /// <summary>The tables of the model with a date or an instant column.</summary>
    public static IReadOnlyList<Type> DatedTables(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyModel model) =>
        model.GetEntityTypes().Where(t => t.GetTableName() is not null && t.GetViewName() is null
                && t.GetProperties().Any(p => IsDate(Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)))
            .Select(t => t.ClrType).ToList();

    private static bool IsDate(Type clr) => clr == typeof(DateOnly) || clr == typeof(Instant) || clr == typeof(LocalDate);


    public const string CprHash = "CprHash";
    /// <summary>The municipality of a stay's facility, kept on the stay (migration 0010).</summary>
    public const string FacilityMunicipalityId = "FacilityMunicipalityId";

    /// <summary>
    /// Checks the caller may make these changes (<see cref="WriteScope"/>); gives every changed record a new Version (its ETag
    /// and concurrency token) and persons with a new CPR number its hash; and writes the access
    /// log lines for the changes in the same transaction.
    /// </summary>
    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        // A save outside a transaction of ours (an access log line of a read, say) still queues at the write gate.
        if (Database.CurrentTransaction is null && ChangeTracker.HasChanges())
        {
            await using var transaction = await BeginWriteAsync(cancellationToken);
            var saved = await SaveInTransactionAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return saved;
        }
        return await SaveInTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// One write of a request: a transaction from the first read to the save, in which competing writes are serialised (see
    /// <see cref="BeginWriteAsync"/>) so that the rules see the committed state. On PostgreSQL a deadlock or serialization
    /// failure (which only a writer outside the API can cause) runs the write again from the start, up to three times.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken ct, WriteLock? writeLock = null)
    {
        var joined = Database.CurrentTransaction is not null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await BeginWriteAsync(ct, writeLock);
                var result = await write();
                await SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                _keptEvenIfRefused.Clear();
                return result;
            }
            catch (Exception e) when (attempt < 3 && Database.CurrentTransaction is null && PostgreSqlFaults.IsRetryable(e))
            {
                ChangeTracker.Clear();
                _keptEvenIfRefused.Clear(); // the write runs again from the start, and logs again what it does
            }
            catch (Exception) when (!joined && _keptEvenIfRefused.Count > 0)
            {
                // Here the write's transaction has been rolled back: what must be kept is written on its own.
                await SaveKeptEntriesAsync(ct);
                throw;
            }
        }
    }

    private readonly List<AccessLogEntry> _keptEvenIfRefused = [];

    /// <summary>
    /// An access log entry of the current write that is kept even if the write is refused and rolled back: a look-up by CPR number
    /// told the caller something (<see cref="CprLookups"/>) whatever becomes of the write. With <paramref name="onlyIfRefused"/> it
    /// is written only then (a look-up that found nobody, when the write's own lines say what it did).
    /// </summary>
    public void LogEvenIfRefused(AccessLogEntry entry, bool onlyIfRefused = false)
    {
        if (!onlyIfRefused) AccessLog.Add(entry);
        _keptEvenIfRefused.Add(entry);
    }

    private async Task SaveKeptEntriesAsync(CancellationToken ct)
    {
        var kept = _keptEvenIfRefused.Select(e => new AccessLogEntry
        {
            At = e.At, UserName = e.UserName, Role = e.Role, MunicipalityCode = e.MunicipalityCode, Operation = e.Operation,
            Request = e.Request, Purpose = e.Purpose, Persons = e.Persons.Select(p => new AccessLogPerson { PersonId = p.PersonId }).ToList(),
        }).ToList();
        _keptEvenIfRefused.Clear();
        ChangeTracker.Clear();
        AccessLog.AddRange(kept);
        await SaveChangesAsync(ct);
    }

    /// <summary>
    /// A write transaction. On SQLite it is begun once this context has the file's place at the <see cref="SqliteWriteGate"/>
    /// (waited for without holding a thread), and the place is given up when the transaction is disposed. On PostgreSQL it takes
    /// the advisory locks of <paramref name="writeLock"/> (by default the whole database's write lock), which hold across API
    /// processes until the transaction ends. Every write of the API begins here.
    /// </summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginWriteAsync(CancellationToken ct,
        WriteLock? writeLock = null)
    {
        if (Database.CurrentTransaction is { } outer) return new JoinedTransaction(outer);
        if (Database.IsNpgsql())
        {
            // No gate in this process: the locks are the database's. The depth still marks this context's write, so that its
            // end drops the report cache as on SQLite.
            _writeGateDepth++;
            try
            {
                var transaction = await Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
                await (writeLock ?? WriteLock.Database).TakeAsync(this, ct);
                return new GatedTransaction(transaction, ExitWriteGate);
            }
            catch
            {
                ExitWriteGate();
                throw;
            }
        }
        await EnterWriteGateAsync(ct);
        try
        {
            return new GatedTransaction(await Database.BeginTransactionAsync(ct), ExitWriteGate);
        }
        catch
        {
            ExitWriteGate();
            throw;
        }
    }

    // Re-entrant per context: a save inside the context's own write transaction does not queue behind itself.
    private int _writeGateDepth;
    private SemaphoreSlim WriteGate => _writeGate ??= SqliteWriteGate.For(Database.GetConnectionString());
    private SemaphoreSlim? _writeGate;

    private async Task EnterWriteGateAsync(CancellationToken ct)
    {
        if (_writeGateDepth == 0 && !await WriteGate.WaitAsync(LockWaits.Limit(DatabaseSettings.BusyTimeoutMs), ct))
            throw LockWaits.TooLong();
        _writeGateDepth++;
    }

    /// <summary>The database's settings (configuration "Database"; the defaults for a context outside the application).</summary>
    internal DatabaseOptions DatabaseSettings => _databaseSettings ??= ApplicationService<DatabaseOptions>() ?? new DatabaseOptions();
    private DatabaseOptions? _databaseSettings;

    /// <summary>A service of the application the context was made in (none for a context made by hand, as tests and tools do).</summary>
    private T? ApplicationService<T>() where T : class => this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()
        ?.ApplicationServiceProvider?.GetService<T>();

    private void ExitWriteGate()
    {
        if (--_writeGateDepth != 0) return;
        if (!Database.IsNpgsql()) WriteGate.Release();
        _reportCache.OnWriteEnded(this);
    }

    private readonly Reporting.ReportCacheOnSave _reportCache = new();

    // A context disposed while it still holds the gate (a transaction never disposed) gives its place up.
    public override async ValueTask DisposeAsync()
    {
        ReleaseWriteGateOnDispose();
        await base.DisposeAsync();
    }

    public override void Dispose()
    {
        ReleaseWriteGateOnDispose();
        base.Dispose();
    }

    private void ReleaseWriteGateOnDispose()
    {
        if (_writeGateDepth == 0) return;
        _writeGateDepth = 0;
        if (!Database.IsNpgsql()) WriteGate.Release();
    }

    /// <summary>The window of dates users give (configuration "Dates"; the defaults for a context outside the application).</summary>
    private DateWindow Dates => _dates ??= ApplicationService<Microsoft.Extensions.Options.IOptions<DateWindow>>()?.Value ?? new DateWindow();
    private DateWindow? _dates;

    private async Task<int> SaveInTransactionAsync(CancellationToken cancellationToken)
    {
        if (ChangeTracker.Entries<AccessLogEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || ChangeTracker.Entries<AccessLogPerson>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new AccessDeniedException("Adgangsloggen kan ikke ændres.", "The access log cannot be changed.");
        var changes = ChangeTracker.Entries<Entity>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changes.Count == 0) return await base.SaveChangesAsync(cancellationToken);

        await WriteScope.EnsureAsync(this, Caller, changes, cancellationToken);
        if (!Caller.IsSystem)
        {
            Dates.Ensure(changes, DanishTime.Today(clock));
            FreeText.EnsureNoCpr(changes);
        }
        // The save's steps, each its own: the report cache (Reporting/), then what the database derives from the records.
        await _reportCache.OnSaveAsync(this, changes, cancellationToken);
        await RecordStamps.ApplyAsync(this, changes, cancellationToken);
        return Caller.AuditWrites
            ? await Security.AccessLog.SaveWithEntriesAsync(this, changes, base.SaveChangesAsync, clock, cancellationToken)
            : await base.SaveChangesAsync(cancellationToken);
    }

    public override int SaveChanges() =>
        throw new NotSupportedException("Use SaveChangesAsync: saving checks the caller's scope and writes the access log.");
}
