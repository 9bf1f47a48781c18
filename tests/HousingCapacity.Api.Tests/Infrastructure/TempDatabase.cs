namespace HousingCapacity.Api.Tests.Infrastructure;

/// <summary>A SQLite file of its own in the temp folder, removed with its -wal and -shm files when disposed.</summary>
public sealed class TempDatabase(string name) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"housingcapacity-{name}-{Guid.NewGuid():N}.db");
    public string ConnectionString => $"Data Source={Path}";
    /// <summary>The command-line setting that points the app and its commands at this file.</summary>
    public string Argument => $"--Database:ConnectionString={ConnectionString}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(Path + suffix)) File.Delete(Path + suffix);
    }
}
