using System.Text.RegularExpressions;
using HousingCapacity.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>CPR numbers: encrypted at rest, found by keyed hash, never in a log line or an error.</summary>
public partial class CprPrivacyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [GeneratedRegex(@"(?<!\d)\d{6}-?\d{4}(?!\d)")]
    private static partial Regex CprLike();

    [Fact]
    public async Task DatabaseFile_HoldsNoCprInClearText()
    {
        var cpr = Builders.Cpr(new NodaTime.LocalDate(1977, 7, 7), male: false);
        var created = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Persons",
            $$"""{"Cpr":"{{cpr}}","FirstName":"Ane","LastName":"Nørgaard","MunicipalityId":1}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        await using var connection = await api.Database.OpenConnectionAsync();
        if (!api.Database.IsPostgreSql)
        {
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        await using var read = connection.CreateCommand();
        read.CommandText = """SELECT "Cpr", "CprHash" FROM "Persons" WHERE "Cpr" IS NOT NULL""";
        await using var reader = await read.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            Assert.StartsWith("v2:", reader.GetString(0));
            Assert.DoesNotMatch(CprLike(), reader.GetString(0));
            Assert.False(reader.IsDBNull(1));
        }
        Assert.True(rows > 100);
        if (api.Database.IsPostgreSql) return; // the columns above are what the server stores; there is no one file to read
        var path = new SqliteConnectionStringBuilder(api.ConnectionString).DataSource;
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.DoesNotContain(cpr, System.Text.Encoding.ASCII.GetString(bytes));
        Assert.DoesNotContain(cpr.Replace("-", ""), System.Text.Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public async Task FilterByCpr_FindsThePersonByItsKeyedHash()
    {
        await using var db = api.CallerDb();
        var person = await db.Persons.OrderBy(p => p.Id).Skip(7).FirstAsync();
        var other = await db.Persons.OrderBy(p => p.Id).Skip(8).FirstAsync();
        var one = await api.OData.GetAsync($"/odata/Persons?$filter=Cpr eq '{person.Cpr}'&$select=Id,Cpr");
        Assert.Equal(person.Id, one.Value.EnumerateArray().Single().GetProperty("Id").GetInt32());
        Assert.Equal(person.Cpr, one.Value[0].GetProperty("Cpr").GetString());
        var both = await api.OData.GetAsync($"/odata/Persons?$filter=Cpr in ('{person.Cpr}','{other.Cpr!.Replace("-", "")}')&$select=Id");
        Assert.Equal([person.Id, other.Id], both.Value.EnumerateArray().Select(e => e.GetProperty("Id").GetInt32()).Order());
        var notIt = await api.OData.GetAsync($"/odata/Persons/$count?$filter=Cpr ne '{person.Cpr}'");
        Assert.Equal(HttpStatusCode.OK, notIt.Status);
        Assert.Equal((await db.Persons.CountAsync() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), notIt.Body);
    }

    [Theory]
    [InlineData("/odata/Persons?$orderby=Cpr")]
    [InlineData("/odata/Persons?$apply=groupby((Cpr))")]
    [InlineData("/odata/Persons?$filter=startswith(Cpr,'01')")]
    [InlineData("/odata/Persons?$filter=Cpr eq Cpr")]
    [InlineData("/odata/Persons?$filter=Cpr lt '010101-1234'")]
    public async Task Cpr_CanOnlyBeComparedForEquality(string url) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await api.OData.GetAsync(url)).Status);

    [Fact]
    public async Task Migrate_ClearTextCprFromSchema5_IsEncryptedAndStillFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"housingcapacity-v5-{Guid.NewGuid():N}.db");
        try
        {
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await new SchemaMigrator(connection, "Sqlite").MigrateAsync(targetVersion: 5);
                await using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO Municipalities (Code, Name) VALUES (479, 'Svendborg');
                    INSERT INTO Persons (Cpr, FirstName, LastName, BirthDate, Gender, MunicipalityId) VALUES ('120384-1235', 'Gammel',
                        'Række', '1984-03-12', 'Male', 1);
                    """;
                await insert.ExecuteNonQueryAsync();
            }
            await using (var db = new HousingDbContext(new DbContextOptionsBuilder<HousingDbContext>().UseSqlite($"Data Source={path}")
                .Options))
            {
                await DatabaseSetup.MigrateAsync(db);
                var person = await db.Persons.SingleAsync();
                Assert.Equal("120384-1235", person.Cpr);
                var hash = db.Shared.Cpr.Hash("120384-1235");
                Assert.True(await db.Persons.AnyAsync(p => EF.Property<string>(p, HousingDbContext.CprHash) == hash));
                var stored = await db.Database.SqlQueryRaw<string>("SELECT Cpr AS Value FROM Persons").SingleAsync();
                Assert.StartsWith("v2:", stored);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    // Production without CPR keys refuses to start: StartupTests (the app as a process).
}
