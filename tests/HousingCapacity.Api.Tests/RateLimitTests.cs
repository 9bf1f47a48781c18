using Microsoft.AspNetCore.Mvc.Testing;

namespace HousingCapacity.Api.Tests;

public class RateLimitTests
{
    [Fact]
    public async Task Writes_PastTheLimit_Get429WithAnODataError_AndReadsGoOn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"housingcapacity-rate-{Guid.NewGuid():N}.db");
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:ConnectionString", $"Data Source={path}");
            b.UseSetting("Database:SeedDemoData", "false");
            b.UseSetting("RateLimits:WritesPerMinute", "3");
            b.UseSetting("RateLimits:HeavyQueriesPerMinute", "2");
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFixture.Token(HousingCapacity.Api.Security.Role.Administrator));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<HousingCapacity.Api.Security.CallerScope>().Current =
                HousingCapacity.Api.Security.Caller.System("test-setup", auditWrites: false);
            var db = scope.ServiceProvider.GetRequiredService<HousingCapacity.Api.Data.HousingDbContext>();
            await HousingCapacity.Api.Data.DatabaseSetup.MigrateAsync(db);
            db.Add(new HousingCapacity.Domain.Municipality(175, "Rødovre"));
            await db.SaveChangesAsync();
        }
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync("/odata/Facilities",
                new StringContent($$"""{"MunicipalityId":1,"Name":"Tilbud {{i}}","Kind":"EmergencyBeds","Address":"Vej {{i}}"}""",
                    System.Text.Encoding.UTF8, "application/json"));
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("TooManyRequests", await response.Content.ReadAsStringAsync());
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }
        Assert.Equal([201, 201, 201, 429, 429], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Municipalities")).StatusCode);
        var heavy = new List<int>();
        for (var i = 0; i < 3; i++) heavy.Add((int)(await client.GetAsync("/odata/Municipalities?$expand=Facilities")).StatusCode);
        Assert.Equal([200, 200, 429], heavy);
        var headers = (await client.GetAsync("/odata")).Headers;
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", headers.CacheControl!.ToString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    [Fact]
    public async Task PagePosts_PastTheWriteLimit_GetTheDanish429Page()
    {
        var path = Path.Combine(Path.GetTempPath(), $"housingcapacity-rate-{Guid.NewGuid():N}.db");
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:ConnectionString", $"Data Source={path}");
            b.UseSetting("Database:SeedDemoData", "false");
            b.UseSetting("RateLimits:WritesPerMinute", "3");
        });
        int facility;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<HousingCapacity.Api.Security.CallerScope>().Current =
                HousingCapacity.Api.Security.Caller.System("test-setup", auditWrites: false);
            var db = scope.ServiceProvider.GetRequiredService<HousingCapacity.Api.Data.HousingDbContext>();
            await HousingCapacity.Api.Data.DatabaseSetup.MigrateAsync(db);
            var municipality = new HousingCapacity.Domain.Municipality(175, "Rødovre");
            db.Add(municipality);
            await db.SaveChangesAsync();
            var place = new HousingCapacity.Domain.Facility(municipality.Id, "Herberget",
                HousingCapacity.Domain.FacilityKind.Section110Shelter, "Vej 1",
                HousingCapacity.Domain.GenderRestriction.None, null, null, true, null);
            db.Add(place);
            await db.SaveChangesAsync();
            facility = place.Id;
        }
        using var staff = new Pages.PageClient(factory.CreateClient(new WebApplicationFactoryClientOptions
            { AllowAutoRedirect = false, HandleCookies = true }));
        using (var signIn = await staff.PostFormAsync("/logind", new()
               { ["Role"] = "ShelterStaff", ["MunicipalityCode"] = "175", ["FacilityId"] = facility.ToString() }))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var statuses = new List<int>();
        string? refused = null;
        for (var i = 0; i < 4; i++)
        {
            using var reply = await staff.PostFormAsync("/personale/afvisning", new() { ["Reason"] = "Full" });
            statuses.Add((int)reply.StatusCode);
            if (reply.StatusCode == HttpStatusCode.TooManyRequests) refused = await reply.Content.ReadAsStringAsync();
        }
        Assert.Equal([302, 302, 302, 429], statuses);
        Assert.Contains("For mange forespørgsler", refused);
        Assert.Contains("<html lang=\"da\">", refused);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
