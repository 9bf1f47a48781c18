using HousingCapacity.Api.Reporting;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace HousingCapacity.Api.Data;

/// <summary>
/// One database as this process holds it: what every context on it shares. The host registers one (a singleton) and every
/// context is given it through its constructor; nothing here is static, so two hosts on two databases in one process share
/// nothing — not a gate, a log batch, a cached month, a catalogue answer or a CPR key (HousingDatabaseTests).
/// </summary>
public sealed class HousingDatabase
{
    public HousingDatabase(DatabaseOptions options, CprProtection cpr)
    {
        (Options, Cpr) = (options, cpr);
        if (options.IsSqlite)
        {
            Pragmas = new SqlitePragmas(options.BusyTimeoutMs);
            WriteGate = new SemaphoreSlim(1, 1);
        }
        AccessLogBatch = new AccessLogBatch(options, WriteGate, Pragmas);
    }

    public DatabaseOptions Options { get; }

    /// <summary>The keys the CPR numbers of this database are encrypted and hashed with.</summary>
    public CprProtection Cpr { get; }

    /// <summary>SQLite: the settings of every connection (also the contexts' interceptor). Null on PostgreSQL.</summary>
    public SqlitePragmas? Pragmas { get; }

    /// <summary>
    /// SQLite: one writer of this process at a time, waited for asynchronously. SQLite has a single write lock; a connection that
    /// waits for it does so inside sqlite3_step (the busy timeout) or in Microsoft.Data.Sqlite's retry loop, both of which block a
    /// thread-pool thread. Under load, dozens of writers (and person reads, which write the access log) blocked threads that way
    /// until the pool starved and Kestrel could not read requests. Writers of this process queue here, holding no thread while
    /// they wait; the busy timeout is left for other processes on the same file. Null on PostgreSQL, whose locks are the
    /// database's (<see cref="WriteLock"/>).
    /// </summary>
    public SemaphoreSlim? WriteGate { get; }

    /// <summary>The access log's entries of reads, committed in batches.</summary>
    public AccessLogBatch AccessLogBatch { get; }

    /// <summary>The figures of closed months.</summary>
    public MonthlyFiguresCache Reports { get; } = new();

    /// <summary>What authentication asks of the catalogue, read once.</summary>
    public KnownCatalogue Catalogue { get; } = new();

    /// <summary>
    /// The parts of the database that context options name, for a context made by hand (a tool, a test's own check): a process
    /// of its own as far as this database goes, with the public development CPR keys unless others are given.
    /// </summary>
    public static HousingDatabase Standalone(DbContextOptions options, CprProtection? cpr = null)
    {
        var relational = options.Extensions.OfType<RelationalOptionsExtension>().Single();
        var postgreSql = relational.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal);
        return new HousingDatabase(new DatabaseOptions
        {
            Provider = postgreSql ? DatabaseOptions.PostgreSql : DatabaseOptions.Sqlite,
            ConnectionString = relational.ConnectionString ?? "",
        }, cpr ?? CprProtection.Development);
    }
}
