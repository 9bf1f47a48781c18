namespace HousingCapacity.Api.Data;

/// <summary>Database settings (appsettings.json, section "Database").</summary>
public sealed class DatabaseOptions
{
    /// <summary>Sqlite (the embedded default). PostgreSQL is planned and refused with a clear message until then.</summary>
    public string Provider { get; set; } = "Sqlite";
    public string ConnectionString { get; set; } = "Data Source=housingcapacity.db";
    /// <summary>How long a connection waits for another's write lock before giving up.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;
    /// <summary>
    /// Fill an empty database with the demo data on start. Left unset, only in Development: a production database never gets
    /// 1,400 invented persons because nobody said otherwise.
    /// </summary>
    public bool? SeedDemoData { get; set; }
}
