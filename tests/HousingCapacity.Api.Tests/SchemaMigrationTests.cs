using HousingCapacity.Api.Data;
using Microsoft.Data.Sqlite;

namespace HousingCapacity.Api.Tests;

public class SchemaMigrationTests
{
    [Fact]
    public async Task Migrate_DatabaseAtVersion1_UpgradesAndKeepsItsData()
    {
        var path = Path.Combine(Path.GetTempPath(), $"housingcapacity-v1-{Guid.NewGuid():N}.db");
        try
        {
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                Assert.Equal(1, await new SchemaMigrator(connection, "Sqlite").MigrateAsync(targetVersion: 1));
                await using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO Municipalities (Code, Name) VALUES (330, 'Slagelse');
                    INSERT INTO Facilities (MunicipalityId, Name, Kind, Address, GenderRestriction) VALUES (1, 'Herberget',
                        'Section110Shelter', 'Vej 1', 'None');
                    INSERT INTO Units (FacilityId, Label, Beds, Status) VALUES (1, 'Værelse 1', 2, 'InService');
                    """;
                await insert.ExecuteNonQueryAsync();
                await using var probe = connection.CreateCommand();
                probe.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'Turnaways'";
                Assert.Equal(0L, await probe.ExecuteScalarAsync());
            }

            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                var migrator = new SchemaMigrator(connection, "Sqlite");
                Assert.Equal(migrator.LatestVersion, await migrator.MigrateAsync());
                await using var read = connection.CreateCommand();
                read.CommandText = "SELECT f.Name, f.IsActive, u.Beds, (SELECT COUNT(*) FROM Turnaways) FROM Facilities f JOIN Units u ON u.FacilityId = f.Id";
                await using var reader = await read.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal("Herberget", reader.GetString(0));
                Assert.Equal(1L, reader.GetInt64(1)); // the new column's default for existing rows
                Assert.Equal(2L, reader.GetInt64(2));
                Assert.Equal(0L, reader.GetInt64(3));
            }

            // Running again changes nothing.
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                var migrator = new SchemaMigrator(connection, "Sqlite");
                Assert.Equal(migrator.LatestVersion, await migrator.MigrateAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public void Scripts_AreNumberedWithoutGaps()
    {
        var versions = SchemaMigrator.Scripts("Sqlite").Select(s => s.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }
}
