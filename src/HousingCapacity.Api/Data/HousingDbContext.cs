using HousingCapacity.Api.Data.Mapping;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace HousingCapacity.Api.Data;

/// <summary>
/// The database, seen as the current caller may see it. Its query filters (<see cref="ReadScope"/>) are the one place that
/// decides which records a caller reads, and its save (<see cref="SaveChangesAsync"/>) runs the save's steps in order: what the
/// caller may change (<see cref="WriteScope"/>), the report cache, the records' stamps and the access log, in one transaction.
/// Code that must see everything to apply a rule (capacity, double booking, report figures) says so with
/// <see cref="Unscoped{T}"/>. What the contexts of one database share (the write gate, the log batches, the caches, the CPR keys)
/// is <see cref="Shared"/>, given by the host.
/// </summary>
public sealed class HousingDbContext : DbContext
{
    private readonly IClock _clock;
    private readonly WriteSession _writes;

    public HousingDbContext(DbContextOptions<HousingDbContext> options, CallerScope scope, IClock clock, HousingDatabase shared)
        : base(options)
    {
        (Scope, _clock, Shared) = (scope, clock, shared);
        _writes = new WriteSession(this);
    }

    /// <summary>A context outside any host (a tool, a test's own check): it sees everything, audits its writes as "system:direct"
    /// and has the database's shared parts to itself (<see cref="HousingDatabase.Standalone"/>).</summary>
    public HousingDbContext(DbContextOptions<HousingDbContext> options)
        : this(options, CallerScope.ForSystem("direct"), SystemClock.Instance, HousingDatabase.Standalone(options)) { }

    public CallerScope Scope { get; }
    public HousingDatabase Shared { get; }

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
    public DbSet<Transition> Transitions => Set<Transition>();
    public DbSet<ExtraBeds> ExtraBeds => Set<ExtraBeds>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    /// <summary>The access log read a line per entry and person (the view AccessLogLines).</summary>
    public IQueryable<AccessLogLine> AccessLogLines => Set<AccessLogLine>().IgnoreQueryFilters();

    /// <summary>All records, whoever asks: for rules and aggregates that must count everything, never for answering with
    /// records.</summary>
    public IQueryable<T> Unscoped<T>() where T : class => Set<T>().IgnoreQueryFilters();

    /// <summary>One record by id, whoever asks (see <see cref="Unscoped{T}"/>); null when there is none.</summary>
    public Task<T?> FindUnscopedAsync<T>(int id,
        CancellationToken ct) where T : Entity => Unscoped<T>().SingleOrDefaultAsync(x => x.Id == id, ct);

    // What the query filters read at every query (EF Core parameterises members of the context).
    internal Caller Caller => Scope.Current;
    internal int ScopeMunicipalityId => Caller.MunicipalityId ?? 0;
    internal int[] ScopeFacilityIds => [.. Caller.FacilityIds];
    /// <summary>Staff see the persons staying at their facilities now or within the last <see cref="StaffRecentDays"/> days.</summary>
    internal DateOnly ScopeRecentSince => (_today ??= DanishTime.Today(_clock)).PlusDays(-StaffRecentDays).ToDateOnly();
    private LocalDate? _today;
    public const int StaffRecentDays = 30;

    public const string CprHash = "CprHash";
    /// <summary>The municipality of a stay's facility, kept on the stay (migration 0010).</summary>
    public const string FacilityMunicipalityId = "FacilityMunicipalityId";

    /// <summary>
    /// One model per kind of caller (<see cref="CallerScope.ModelKind"/>), each with only its own query filters, and per set of CPR
    /// keys (the converter of the number holds them). With one model for all, every filter was "@isSystem OR (@isOfficer AND …)
    /// OR (@isStaff AND …)", and SQLite, which plans a statement before it sees the values, could use no index for it. The caller
    /// is fixed from the context's first use on (<see cref="CallerScope"/>).
    /// </summary>
    private sealed class ModelPerCaller : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime)
        {
            var db = (HousingDbContext)context;
            var kind = CallerScope.ModelKind(db.Caller);
            db.Scope.BoundModel = kind;
            return (context.GetType(), context.Database.ProviderName, kind, db.Shared.Cpr, designTime);
        }
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, ModelPerCaller>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        StoredValues.Configure(configurationBuilder, Database.IsNpgsql());

    protected override void OnModelCreating(ModelBuilder b)
    {
        SqlDateFunctions.Register(b, Database.IsNpgsql());
        // Each table's mapping is in Data/Mapping/ (one class per record, matching the scripts in Migrations/).
        b.ApplyConfigurationsFromAssembly(typeof(HousingDbContext).Assembly);
        StoredValues.StoreCpr(b, Shared.Cpr);
        // Set on every new stay from its facility (RecordStamps), so that the officers' scope filter is indexable.
        b.Entity<Placement>().Property<int?>(FacilityMunicipalityId);
        GuardTriggers.Declare(b);
        // What each kind of caller may read, beside what it may write (Security/ReadScope.cs, Security/WriteScope.cs).
        ReadScope.Apply(b, this);
    }

    /// <summary>
    /// One write of a request, its competing writes serialised so that the rules see the committed state; retried on
    /// PostgreSQL's transient faults (<see cref="WriteSession.RunAsync{T}"/>).
    /// </summary>
    public Task<Outcome<T>> WriteAsync<T>(Func<Task<Outcome<T>>> write, CancellationToken ct, WriteLock? writeLock = null) =>
        _writes.RunAsync(write, ct, writeLock);

    /// <summary>A write that cannot be refused but by throwing (an entity's invariant, the write scope on save).</summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken ct, WriteLock? writeLock = null) =>
        (await _writes.RunAsync(async () => (Outcome<T>)await write(), ct, writeLock)).Value;

    /// <summary>A write transaction at the database's gate or locks (<see cref="WriteSession.BeginAsync"/>).</summary>
    public Task<IDbContextTransaction> BeginWriteAsync(CancellationToken ct, WriteLock? writeLock = null) =>
        _writes.BeginAsync(ct, writeLock);

    /// <summary>
    /// An access log entry of the current write that is kept even if the write is refused and rolled back: a look-up by CPR number
    /// told the caller something (<see cref="CprLookups"/>) whatever becomes of the write. With <paramref name="onlyIfRefused"/> it
    /// is written only then (a look-up that found nobody, when the write's own lines say what it did).
    /// </summary>
    public void LogEvenIfRefused(AccessLogEntry entry, bool onlyIfRefused = false) => _writes.LogEvenIfRefused(entry, onlyIfRefused);

    /// <summary>Saves the changes in a write transaction of their own unless one is under way (an access log line of a read,
    /// say, still queues at the write gate).</summary>
    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null || !ChangeTracker.HasChanges())
            return await SaveInTransactionAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var saved = await SaveInTransactionAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>The save's steps, in order, each its own and tested alone (SaveStepTests).</summary>
    private async Task<int> SaveInTransactionAsync(CancellationToken ct)
    {
        Security.AccessLog.EnsureUnchanged(ChangeTracker);
        var changes = ChangeTracker.Entries<Entity>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changes.Count == 0) return await base.SaveChangesAsync(ct);
        await WriteScope.EnsureAsync(this, Caller, changes, ct);
        if (!Caller.IsSystem)
        {
            var today = DanishTime.Today(_clock);
            Dates.Ensure(changes, today);
            FreeText.EnsureNoCpr(changes);
            await Reporting.ClosedMonthCorrections.RecordAsync(this, changes, today, ct);
        }
        await _writes.ReportCache.OnSaveAsync(this, changes, ct);
        await RecordStamps.ApplyAsync(this, changes, ct);
        return Caller.AuditWrites
            ? await Security.AccessLog.SaveWithEntriesAsync(this, changes, base.SaveChangesAsync, _clock, ct)
            : await base.SaveChangesAsync(ct);
    }

    /// <summary>The window of dates users give (configuration "Dates"; the defaults for a context outside the application).</summary>
    private DateWindow Dates => _dates ??= this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()
        ?.ApplicationServiceProvider?.GetService<Microsoft.Extensions.Options.IOptions<DateWindow>>()?.Value ?? new DateWindow();
    private DateWindow? _dates;

    public override int SaveChanges() =>
        throw new NotSupportedException("Use SaveChangesAsync: saving checks the caller's scope and writes the access log.");

    public override async ValueTask DisposeAsync()
    {
        _writes.ReleaseOnDispose();
        await base.DisposeAsync();
    }

    public override void Dispose()
    {
        _writes.ReleaseOnDispose();
        base.Dispose();
    }
}
