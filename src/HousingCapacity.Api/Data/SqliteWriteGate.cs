using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace HousingCapacity.Api.Data;

/// <summary>
/// One writer at a time per SQLite file, waited for asynchronously. SQLite has a single write lock; a connection that waits
/// for it does so inside sqlite3_step (the busy timeout) or in Microsoft.Data.Sqlite's retry loop, both of which block a
/// thread-pool thread. Under load, dozens of writers (and person reads, which write the access log) blocked threads that way
/// until the pool starved and Kestrel could not read requests (issue 10, finding 10). Writers of this process now queue on
/// this gate, holding no thread while they wait; the busy timeout is left for other processes on the same file.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string? connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString ?? "").DataSource;
        var key = string.IsNullOrEmpty(source) || source.Contains(":memory:", StringComparison.Ordinal) || source.StartsWith("file:",
            StringComparison.Ordinal)
            ? source
            : Path.GetFullPath(source);
        return Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
    }
}
