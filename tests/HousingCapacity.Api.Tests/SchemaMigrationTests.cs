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
                read.CommandText = "SELECT f.Name, f.IsActive, u.Beds, (SELECT COUNT(*) FROM Turnaways) " +
                    "FROM Facilities f JOIN Units u ON u.FacilityId = f.Id";
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
    public async Task Migrate_DatabaseAtVersion8_GivesPlacesAndStaysALegalBasis_AndKeepsPersonsAndTheirCprNumbers()
    {
        var path = Path.Combine(Path.GetTempPath(), $"housingcapacity-v8-{Guid.NewGuid():N}.db");
        try
        {
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                await using (var fk = connection.CreateCommand())
                {
                    fk.CommandText = "PRAGMA foreign_keys = ON";
                    await fk.ExecuteNonQueryAsync();
                }
                Assert.Equal(8, await new SchemaMigrator(connection, "Sqlite").MigrateAsync(targetVersion: 8));
                await using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO Municipalities (Code, Name) VALUES (330, 'Slagelse');
                    INSERT INTO Facilities (MunicipalityId, Name, Kind, Address, GenderRestriction) VALUES
                        (1, 'Herberget', 'Section110Shelter', 'Vej 1', 'None'), (1, 'Natvarmestuen', 'EmergencyBeds', 'Vej 2', 'None'),
                        (1, 'Skæve Boliger', 'SkaevBolig', 'Vej 3', 'None'), (1, 'Housing First', 'HousingFirst', 'Vej 4', 'None');
                    INSERT INTO Units (FacilityId, Label, Beds, Status) VALUES (1, 'V1', 2, 'InService'), (4, 'L1', 1, 'InService');
                    INSERT INTO Persons (Cpr, CprHash, FirstName, LastName, BirthDate, Gender, MunicipalityId)
                        VALUES ('v1:ciphertext', 'hash-1', 'Ole', 'Berg', '1986-01-01', 'Male', 1);
                    INSERT INTO Placements (PersonId, UnitId, FacilityId, StartDate, EndDate, SupportMethod, NotificationDueDate,
                        ResponsibleMunicipalityId) VALUES (1, 1, 1, '2026-01-01', '2026-02-01', 'None', '2026-01-06', 1);
                    INSERT INTO Placements (PersonId, UnitId, FacilityId, StartDate, SupportMethod, SupportUntil, ResponsibleMunicipalityId)
                        VALUES (1, 2, 4, '2026-03-01', 'CTI', '2026-12-01', 1);
                    INSERT INTO Waitlists (MunicipalityId, Name, Kind) VALUES (1, 'Skæve boliger', 'SkaevBolig');
                    INSERT INTO WaitlistEntries (WaitlistId, PersonId, AppliedOn, Priority, Status)
                        VALUES (1, 1, '2026-01-15', 'Normal', 'Waiting');
                    """;
                await insert.ExecuteNonQueryAsync();
            }

            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                await using (var fk = connection.CreateCommand())
                {
                    fk.CommandText = "PRAGMA foreign_keys = ON";
                    await fk.ExecuteNonQueryAsync();
                }
                var migrator = new SchemaMigrator(connection, "Sqlite");
                Assert.Equal(migrator.LatestVersion, await migrator.MigrateAsync());
                async Task<List<string>> Column(string sql)
                {
                    await using var read = connection.CreateCommand();
                    read.CommandText = sql;
                    await using var reader = await read.ExecuteReaderAsync();
                    var values = new List<string>();
                    while (await reader.ReadAsync()) values.Add(reader.IsDBNull(0) ? "null" : Convert.ToString(reader.GetValue(0),
                        System.Globalization.CultureInfo.InvariantCulture)!);
                    return values;
                }
                Assert.Equal(["Section110", "Section110", "SkaevBolig149a", "Section85aHome"],
                    await Column("SELECT LegalBasis FROM Facilities ORDER BY Id"));
                Assert.Equal(["Section110", "Section85aHome"], await Column("SELECT LegalBasis FROM Placements ORDER BY Id"));
                Assert.Equal(["v1:ciphertext|hash-1|CprNumber|1"],
                    await Column("SELECT Cpr || '|' || CprHash || '|' || AgeBasis || '|' || MunicipalityId FROM Persons"));
                Assert.Equal(["CTI|2026-03-01|2026-12-01"],
                    await Column("SELECT Method || '|' || StartDate || '|' || EndDate FROM SupportPeriods"));
                Assert.Empty(await Column("PRAGMA foreign_key_check"));
                Assert.Equal(["TR_Persons_Dates_Insert", "TR_Persons_Dates_Update"],
                    await Column("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Persons' ORDER BY name"));
                // A person without a CPR number can now be stored; one with neither a number nor an alias cannot.
                await using var anonymous = connection.CreateCommand();
                anonymous.CommandText = """
                    INSERT INTO Persons (FirstName, LastName, Alias, BirthDate, AgeBasis, Gender)
                        VALUES ('', '', 'Anonym', '1980-07-01', 'BirthYear', 'Male');
                    """;
                await anonymous.ExecuteNonQueryAsync();
                await using var nobody = connection.CreateCommand();
                nobody.CommandText = "INSERT INTO Persons (FirstName, LastName, BirthDate, Gender) VALUES ('', '', '1980-07-01', 'Male')";
                await Assert.ThrowsAsync<SqliteException>(() => nobody.ExecuteNonQueryAsync());
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
