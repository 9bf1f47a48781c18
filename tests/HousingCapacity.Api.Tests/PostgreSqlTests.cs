using Microsoft.EntityFrameworkCore;
using HousingCapacity.Api.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// What only PostgreSQL has (issue 15): its schema upgraded in place with data, the application's login without UPDATE or
/// DELETE on the access log, one process of several running the background work, and a lost connection answered 503 and
/// recovered. Skipped when the suite runs on SQLite (bash .ci/test runs it on a throwaway cluster).
/// </summary>
public class PostgreSqlTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private const string Catalogue = """
        INSERT INTO "Municipalities" ("Code", "Name") VALUES (330, 'Slagelse');
        INSERT INTO "Facilities" ("MunicipalityId", "Name", "Kind", "Address", "GenderRestriction")
            VALUES (1, 'Herberget', 'Section110Shelter', 'Vej 1', 'None');
        INSERT INTO "Units" ("FacilityId", "Label", "Beds", "Status") VALUES (1, 'Værelse 1', 2, 'InService');
        INSERT INTO "Persons" ("Cpr", "CprHash", "FirstName", "LastName", "BirthDate", "Gender", "MunicipalityId")
            VALUES ('v1:x', 'h1', 'Ane', 'Hansen', '1980-01-01', 'Female', 1);
        """;

    [PostgreSqlFact]
    public async Task Schema_AtVersion1WithData_IsUpgradedInPlace_AndItsGuardsHoldFromThenOn()
    {
        using var database = new TempDatabase("pg-upgrade");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var migrator = new SchemaMigrator(connection, DatabaseOptions.PostgreSql);
        Assert.Equal(1, await migrator.MigrateAsync(targetVersion: 1));
        await ExecuteAsync(connection, Catalogue + """
            INSERT INTO "Placements" ("PersonId", "UnitId", "FacilityId", "StartDate", "EndDate", "SupportMethod")
                VALUES (1, 1, 1, '2026-10-01', '2026-10-05', 'None'), (1, 1, 1, '2026-10-05', NULL, 'None');
            """);

        Assert.Equal(migrator.LatestVersion, await migrator.MigrateAsync());

        Assert.Equal(2L, await ScalarAsync(connection, """SELECT COUNT(*) FROM "Placements" """));
        Assert.Equal("Herberget", await ScalarAsync(connection, """SELECT "Name" FROM "Facilities" """));
        // From now on the database refuses an overlapping stay of the person.
        var overlap = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, """
            INSERT INTO "Placements" ("PersonId", "UnitId", "FacilityId", "StartDate", "SupportMethod")
                VALUES (1, 1, 1, '2026-11-01', 'None')
            """));
        Assert.Equal("EX_Placements_PersonAlreadyPlaced", overlap.ConstraintName);
        Assert.Equal(migrator.LatestVersion, await migrator.MigrateAsync()); // again: nothing to do
    }

    [PostgreSqlFact]
    public async Task AnUpgradeTheDataDoNotSatisfy_ChangesNothing()
    {
        using var database = new TempDatabase("pg-upgrade-refused");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var migrator = new SchemaMigrator(connection, DatabaseOptions.PostgreSql);
        await migrator.MigrateAsync(targetVersion: 1);
        // Two stays of one person that share nights: version 2's exclusion constraint cannot be added.
        await ExecuteAsync(connection, Catalogue + """
            INSERT INTO "Placements" ("PersonId", "UnitId", "FacilityId", "StartDate", "EndDate", "SupportMethod")
                VALUES (1, 1, 1, '2026-10-01', '2026-10-10', 'None'), (1, 1, 1, '2026-10-05', NULL, 'None');
            """);

        await Assert.ThrowsAsync<PostgresException>(() => migrator.MigrateAsync());

        Assert.Equal(1, await migrator.CurrentVersionAsync());
        Assert.Equal(2L, await ScalarAsync(connection, """SELECT COUNT(*) FROM "Placements" """));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM pg_proc WHERE proname = 'TR_Placements_Guard'"));
    }

    [PostgreSqlFact]
    public async Task TheApplicationsLogin_MayAddToTheAccessLog_ButNotChangeOrDeleteIt_AndPurgesThroughTheOwnersFunction()
    {
        using var database = new TempDatabase("pg-grants");
        var login = $"hc_app_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(TestProvider.PostgreSqlAdmin))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"CREATE ROLE \"{login}\" LOGIN");
        }
        try
        {
            var app = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = login }.ConnectionString;
            await PostgreSqlSchema.MigrateAsync(app, ownerConnectionString: database.ConnectionString,
                Api.Security.CprProtection.Development);

            await using var connection = new NpgsqlConnection(app);
            await connection.OpenAsync();
            await ExecuteAsync(connection, Catalogue);
            await ExecuteAsync(connection, """
                INSERT INTO "AccessLog" ("At", "UserName", "Role", "Operation", "Request")
                    VALUES (now() - interval '3 years', 'officer', 'HousingOfficer', 'Read', 'GET /odata/Persons(1)');
                INSERT INTO "AccessLogPersons" ("PersonId", "EntryId") VALUES (1, 1);
                """);
            foreach (var sql in new[] { """UPDATE "AccessLog" SET "UserName" = 'x'""", """DELETE FROM "AccessLog" """,
                         """DELETE FROM "AccessLogPersons" """, """TRUNCATE "AccessLog" CASCADE""", """DELETE FROM "AccessLogPurges" """,
                         """DROP TABLE "AccessLog" CASCADE""", """DROP TRIGGER "TR_AccessLog_AppendOnly" ON "AccessLog" """ })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
                Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege,
                    $"{sql}: {refused.SqlState} {refused.MessageText}");
            }
            // The one way out: the owner's function, which records the purge and keeps six months.
            Assert.Equal(1, await ScalarAsync(connection,
                """SELECT "PurgeAccessLog"(now() - interval '2 years', 24, 'test')"""));
            Assert.Equal(0L, await ScalarAsync(connection, """SELECT COUNT(*) FROM "AccessLog" """));
            Assert.Equal(1L, await ScalarAsync(connection, """SELECT COUNT(*) FROM "AccessLogPurges" """));
            var tooRecent = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection,
                """SELECT "PurgeAccessLog"(now() - interval '1 month', 1, 'test')"""));
            Assert.Contains("six months", tooRecent.MessageText);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestProvider.PostgreSqlAdmin);
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database.DatabaseName}\" WITH (FORCE); DROP ROLE \"{login}\"");
        }
    }

    [PostgreSqlFact]
    public async Task BackgroundWork_RunsInOneProcessOfSeveral_AndMovesOnWhenThatOneStops()
    {
        var options = new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = api.ConnectionString };
        var first = new BackgroundLeader(options, NullLogger<BackgroundLeader>.Instance);
        var second = new BackgroundLeader(options, NullLogger<BackgroundLeader>.Instance);
        var third = new BackgroundLeader(options, NullLogger<BackgroundLeader>.Instance);
        try
        {
            // The API host of the fixture has a leader of its own already, which may hold the lead: count among all four.
            var leaders = new[] { await first.IsLeaderAsync(default), await second.IsLeaderAsync(default),
                await third.IsLeaderAsync(default) };
            Assert.True(leaders.Count(l => l) <= 1, string.Join(",", leaders));
            var hostLeads = await api.Factory.Services.GetRequiredService<BackgroundLeader>().IsLeaderAsync(default);
            Assert.Equal(1, leaders.Count(l => l) + (hostLeads ? 1 : 0));
            Assert.True(await (hostLeads ? first : leaders[0] ? first : leaders[1] ? second : third).IsLeaderAsync(default) != hostLeads);
            if (hostLeads) return; // the host keeps the lead for as long as it runs; what follows needs one of ours to have it
            var leader = leaders[0] ? first : leaders[1] ? second : third;
            var others = new[] { first, second, third }.Where(l => l != leader).ToList();
            await leader.DisposeAsync();
            var after = new[] { await others[0].IsLeaderAsync(default), await others[1].IsLeaderAsync(default) };
            Assert.Equal(1, after.Count(l => l));
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            await third.DisposeAsync();
        }
    }

    [PostgreSqlFact]
    public async Task ALostDatabaseConnection_Is503WithAnODataError_AndTheNextRequestsRecover()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync("/odata/Persons?$top=3")).Status);
        using var pages = await Pages.PageClient.SignedInAsync(api, HousingCapacity.Api.Security.Role.HousingOfficer);
        await using var admin = new NpgsqlConnection(TestProvider.PostgreSqlAdmin);
        await admin.OpenAsync();
        var database = api.Database.DatabaseName;
        // The database taken off: every connection of the API is cut, and none may be made.
        await ExecuteAsync(admin, $"""
            ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS false;
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}';
            """);
        try
        {
            foreach (var url in new[] { "/odata/Persons?$top=3", "/odata/Facilities(1)", "/reports/monthly/175/2026-10.json" })
            {
                using var reply = await api.Client.GetAsync(url);
                var body = await reply.Content.ReadAsStringAsync();
                Assert.True(reply.StatusCode == HttpStatusCode.ServiceUnavailable, url + " " + body);
                Assert.Contains("\"DatabaseUnavailable\"", body);
                Assert.DoesNotContain("Npgsql", body);
            }
            using var write = await api.Client.PostAsync("/odata/Turnaways", new StringContent(
                """{"FacilityId":1,"Date":"2026-11-22","Reason":"Full"}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Client.GetAsync("/health")).StatusCode);
            // A page says so in Danish, as a page.
            using var page = await pages.Http.GetAsync("/sagsbehandler");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("Databasen kan ikke nås lige nu", await page.Content.ReadAsStringAsync());
        }
        finally
        {
            await ExecuteAsync(admin, $"""ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS true""");
        }
        // Back: the pool's dead connections are dropped, and the API answers again without a restart.
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync("/odata/Persons?$top=3")).Status);
    }

    [PostgreSqlFact]
    public async Task ADateColumn_IsAPostgreSqlDate_AndAnInstantATimestampWithTimeZone()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal("date", await ScalarAsync(connection,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'Placements' AND column_name = 'StartDate'"));
        Assert.Equal("timestamp with time zone", await ScalarAsync(connection,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'AccessLog' AND column_name = 'At'"));
        Assert.Equal("boolean", await ScalarAsync(connection,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'Facilities' AND column_name = 'IsActive'"));
    }
}

/// <summary>
/// A serialization failure or deadlock (SQLSTATE 40001, 40P01) is run again, never a 500; past three attempts it is a 503, and
/// nothing of the failed attempts is left. The failures are injected into the API's own commands (<see cref="FaultInjector"/>),
/// so this runs on both providers.
/// </summary>
public class SerializationRetryTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<int> TurnawaysAsync()
    {
        await using var db = api.NewDb();
        return await db.Turnaways.CountAsync(t => t.FacilityId == 1);
    }

    [Theory]
    [InlineData("40001")]
    [InlineData("40P01")]
    public async Task AWriteThatFailsToSerialize_IsRunAgain_AndSavedOnce(string sqlState)
    {
        var before = await TurnawaysAsync();
        var failedBefore = api.Faults.Failed;
        api.Faults.FailNext("INSERT INTO \"Turnaways\"", sqlState, 2);

        var reply = await api.Staff(1).SendJsonAsync(HttpMethod.Post, "/odata/Turnaways", """{"FacilityId":1,"Reason":"Full"}""");

        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
        Assert.Equal(2, api.Faults.Failed - failedBefore);
        Assert.Equal(before + 1, await TurnawaysAsync());
    }

    [Fact]
    public async Task AWriteThatKeepsFailing_Is503_AndLeavesNothing()
    {
        var before = await TurnawaysAsync();
        api.Faults.FailNext("INSERT INTO \"Turnaways\"", "40001", 10);
        try
        {
            using var reply = await api.HttpAs(HousingCapacity.Api.Security.Role.ShelterStaff, 175, 1).PostAsync("/odata/Turnaways",
                new StringContent("""{"FacilityId":1,"Reason":"Full"}""", System.Text.Encoding.UTF8, "application/json"));
            var body = await reply.Content.ReadAsStringAsync();
            Assert.True(reply.StatusCode == HttpStatusCode.ServiceUnavailable, body);
            Assert.Contains("\"DatabaseUnavailable\"", body);
        }
        finally
        {
            api.Faults.FailNext("INSERT INTO \"Turnaways\"", "40001", 0);
        }
        Assert.Equal(before, await TurnawaysAsync());
    }
}

/// <summary>
/// A user signed in on the pages through one API process is signed in on the others (issue 15): on PostgreSQL the sessions
/// are in the database. (On SQLite, one process per file, they stay in its memory.)
/// </summary>
public class PageSessionsAcrossProcessesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [PostgreSqlFact]
    public async Task ASessionMadeOnOneProcess_IsKnownOnAnother_AndSigningOutEndsItOnBoth()
    {
        await using var other = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", api.Database.Provider);
            b.UseSetting("Database:ConnectionString", api.ConnectionString);
            b.UseSetting("Database:SeedDemoData", "false");
        });
        using var signedIn = await Pages.PageClient.SignedInAsync(api, HousingCapacity.Api.Security.Role.HousingOfficer);
        var cookie = (await signedIn.Http.GetAsync("/sagsbehandler")).RequestMessage!.Headers.TryGetValues("Cookie", out var sent)
            ? string.Join("; ", sent) : "";
        Assert.Contains("hc-session=", cookie);

        using var elsewhere = other.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            { AllowAutoRedirect = false, HandleCookies = false });
        async Task<HttpStatusCode> OnTheOtherAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/sagsbehandler");
            request.Headers.Add("Cookie", cookie);
            using var reply = await elsewhere.SendAsync(request);
            return reply.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await OnTheOtherAsync());

        using var signedOut = await signedIn.PostFormAsync("/logud", [], formPage: "/sagsbehandler");
        Assert.Equal(HttpStatusCode.Redirect, await OnTheOtherAsync()); // to /logind
    }
}

/// <summary>DataProtection:KeysFolder: the keys that protect the page cookie go where several machines' processes can share them.</summary>
public class DataProtectionKeysFolderTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task TheKeys_AreKeptInTheConfiguredFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"housingcapacity-keys-{Guid.NewGuid():N}");
        try
        {
            await using var host = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseSetting("Database:Provider", api.Database.Provider);
                b.UseSetting("Database:ConnectionString", api.ConnectionString);
                b.UseSetting("Database:SeedDemoData", "false");
                b.UseSetting("DataProtection:KeysFolder", folder);
            });
            using var client = host.CreateClient();
            using var signIn = await client.GetAsync("/logind"); // the form's antiforgery token needs a key
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
