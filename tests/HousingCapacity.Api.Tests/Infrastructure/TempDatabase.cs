using Microsoft.EntityFrameworkCore;
using HousingCapacity.Api.Data;
using Npgsql;

namespace HousingCapacity.Api.Tests.Infrastructure;

/// <summary>
/// A database of the test's own, removed when disposed. The suite runs on the provider <see cref="TestProvider"/> names: a SQLite
/// file in the temp folder (with its -wal and -shm files), or, when HOUSINGCAPACITY_TEST_POSTGRESQL holds an administrator's
/// connection string (the throwaway cluster of .ci/test), a database of its own on that server.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _name;

    public TempDatabase(string name)
    {
        _name = $"housingcapacity-{name}-{Guid.NewGuid():N}";
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), _name + ".db");
        if (!TestProvider.IsPostgreSql) return;
        DatabaseName = _name.Replace('-', '_');
        using var admin = new NpgsqlConnection(TestProvider.PostgreSqlAdmin);
        admin.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", admin);
        create.ExecuteNonQuery();
    }

    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string Path { get; }
    /// <summary>The PostgreSQL database (null on SQLite).</summary>
    public string? DatabaseName { get; }
    public bool IsPostgreSql => DatabaseName is not null;
    public string Provider => IsPostgreSql ? "PostgreSQL" : "Sqlite";

    public string ConnectionString => IsPostgreSql
        ? new NpgsqlConnectionStringBuilder(TestProvider.PostgreSqlAdmin) { Database = DatabaseName }.ConnectionString
        : $"Data Source={Path}";

    /// <summary>The command-line settings that point the app and its commands at this database.</summary>
    public string[] Arguments => [$"--Database:Provider={Provider}", $"--Database:ConnectionString={ConnectionString}"];

    /// <summary>Context options for this database (the provider's).</summary>
    public DbContextOptions<HousingDbContext> Options(Action<DbContextOptionsBuilder<HousingDbContext>>? more = null) =>
        TestProvider.Options(ConnectionString, IsPostgreSql, more);

    /// <summary>An open connection of the provider, for SQL the application would never send (the guards' tests).</summary>
    public async Task<System.Data.Common.DbConnection> OpenConnectionAsync()
    {
        System.Data.Common.DbConnection connection = IsPostgreSql ? new NpgsqlConnection(ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        // As the application's own connections (Data/SqlitePragmas.cs): SQLite checks foreign keys only when asked.
        if (!IsPostgreSql) await new SqlitePragmas(5000).ApplyAsync(connection);
        return connection;
    }

    /// <summary>Runs SQL written for both providers (quoted names, ISO literals) on a connection of its own.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        if (IsPostgreSql)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(TestProvider.PostgreSqlAdmin);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
            return;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(Path + suffix)) File.Delete(Path + suffix);
    }
}

/// <summary>Which database the suite runs on (see <see cref="TempDatabase"/>).</summary>
public static class TestProvider
{
    public static string? PostgreSqlAdmin { get; } = Environment.GetEnvironmentVariable("HOUSINGCAPACITY_TEST_POSTGRESQL") is
        { Length: > 0 } admin ? admin : null;
    public static bool IsPostgreSql => PostgreSqlAdmin is not null;

    public static DbContextOptions<HousingDbContext> Options(string connectionString, bool postgreSql,
        Action<DbContextOptionsBuilder<HousingDbContext>>? more = null)
    {
        var builder = new DbContextOptionsBuilder<HousingDbContext>();
        if (postgreSql) builder.UseNpgsql(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        else builder.UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        more?.Invoke(builder);
        return builder.Options;
    }
}

/// <summary>A test of something only SQLite has (its file, its pragmas, its query planner); skipped on PostgreSQL, which has its
/// own.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestProvider.IsPostgreSql) Skip = "SQLite only; the PostgreSQL suite has its own test of this.";
    }
}

/// <inheritdoc cref="SqliteFactAttribute"/>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestProvider.IsPostgreSql) Skip = "SQLite only; the PostgreSQL suite has its own test of this.";
    }
}

/// <summary>A test of something only PostgreSQL has (its types, roles and locks); skipped when the suite runs on SQLite.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (!TestProvider.IsPostgreSql) Skip = "PostgreSQL only: set HOUSINGCAPACITY_TEST_POSTGRESQL (bash .ci/test does).";
    }
}

/// <inheritdoc cref="PostgreSqlFactAttribute"/>
public sealed class PostgreSqlTheoryAttribute : TheoryAttribute
{
    public PostgreSqlTheoryAttribute()
    {
        if (!TestProvider.IsPostgreSql) Skip = "PostgreSQL only: set HOUSINGCAPACITY_TEST_POSTGRESQL (bash .ci/test does).";
    }
}
