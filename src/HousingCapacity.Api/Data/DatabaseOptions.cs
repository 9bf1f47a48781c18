namespace HousingCapacity.Api.Data;

/// <summary>Database settings (appsettings.json, section "Database").</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>Sqlite (the embedded default: one file, one machine) or PostgreSQL (a server several API processes share).</summary>
    public string Provider { get; set; } = Sqlite;
    public string ConnectionString { get; set; } = "Data Source=housingcapacity.db";
    /// <summary>
    /// PostgreSQL only: the login that owns the schema, used at start to create or upgrade it and to grant the application's
    /// login (the one in <see cref="ConnectionString"/>) what it may do — never UPDATE or DELETE on the access log. Unset, the
    /// application's own login creates and owns the schema (then only the triggers keep the log append-only).
    /// </summary>
    public string? OwnerConnectionString { get; set; }
    /// <summary>
    /// How long a request waits for a lock before it gives up with 503 and Retry-After (<see cref="LockWaits"/>): another writer of
    /// this process, another process's write lock (SQLite's busy timeout), a table or advisory lock held on PostgreSQL.
    /// </summary>
    public int BusyTimeoutMs { get; set; } = 5000;
    /// <summary>
    /// Fill an empty database with the demo data on start. Left unset, only in Development: a production database never gets
    /// 1,400 invented persons because nobody said otherwise.
    /// </summary>
    public bool? SeedDemoData { get; set; }

    public bool IsPostgreSql => Provider.Equals(PostgreSql, StringComparison.OrdinalIgnoreCase);
    public bool IsSqlite => Provider.Equals(Sqlite, StringComparison.OrdinalIgnoreCase);
    /// <summary>The provider as the schema scripts name it (<see cref="Sqlite"/> or <see cref="PostgreSql"/>), whatever its case here.
    /// </summary>
    public string Scripts => IsPostgreSql ? PostgreSql : Sqlite;
}
