using HousingCapacity.Api.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The catalogue's identity and scope (issue 10, finding 2): a municipality's code never changes, an Administrator keeps their
/// own municipality's catalogue only, and municipalities are created by the `municipality` command, not through the API.
/// </summary>
public class CatalogueScopeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task MunicipalityCode_CannotBeRepointed_ByTheApiOrByDirectSql()
    {
        var repoint = await api.Admin.SendJsonAsync(HttpMethod.Patch, "/odata/Municipalities(1)", """{"Code":998}""");
        Assert.Equal(HttpStatusCode.BadRequest, repoint.Status);
        Assert.Equal("ReadOnlyProperty", repoint.ErrorCode);
        var takeOver = await api.As(Role.Administrator, 167).SendJsonAsync(HttpMethod.Patch, "/odata/Municipalities(2)",
            """{"Code":175}""");
        Assert.Equal(HttpStatusCode.BadRequest, takeOver.Status);

        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            api.Database.ExecuteAsync("""UPDATE "Municipalities" SET "Code" = 998 WHERE "Id" = 1"""));
        Assert.Contains("MunicipalityCodeImmutable", refused.Message);

        await using var db = api.NewDb();
        Assert.Equal([175, 167], await db.Municipalities.Where(m => m.Id == 1
            || m.Id == 2).OrderBy(m => m.Id).Select(m => m.Code).ToListAsync());
    }

    [Fact]
    public async Task Administrator_RenamesTheirOwnMunicipality_NotAnother_AndCannotCreateOrDeleteOne()
    {
        await using var db = api.NewDb();
        var own = await db.Municipalities.SingleAsync(m => m.Id == 1);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin.SendJsonAsync(HttpMethod.Patch, "/odata/Municipalities(1)",
            $$"""{"Name":"{{own.Name}}"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Admin.SendJsonAsync(HttpMethod.Patch, "/odata/Municipalities(2)",
            """{"Name":"Overtaget"}""")).Status);

        var create = await api.Admin.SendJsonAsync(HttpMethod.Post, "/odata/Municipalities", """{"Code":851,"Name":"Aalborg"}""");
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Contains("municipality", create.ErrorMessage);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete,
            "/odata/Municipalities(1)"))).Status);

        await using var after = api.NewDb();
        Assert.False(await after.Municipalities.AnyAsync(m => m.Code == 851));
        Assert.NotEqual("Overtaget", (await after.Municipalities.SingleAsync(m => m.Id == 2)).Name);
    }

    [Fact]
    public async Task Administrator_KeepsOnlyTheirOwnMunicipalitysFacilitiesAndUnits()
    {
        await using var db = api.NewDb();
        var hvidovreFacility = await db.Facilities.Where(f => f.MunicipalityId == 2).OrderBy(f => f.Id).FirstAsync();
        var hvidovreUnit = await db.Units.Where(u => u.FacilityId == hvidovreFacility.Id).OrderBy(u => u.Id).FirstAsync();
        var facilitiesBefore = await db.Facilities.CountAsync();

        var create = await api.Admin.SendJsonAsync(HttpMethod.Post, "/odata/Facilities",
            """{"MunicipalityId":2,"Name":"Fremmed","Kind":"EmergencyBeds","Address":"Vej 2"}""");
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        var rename = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({hvidovreFacility.Id})",
            """{"Name":"Overtaget"}""");
        Assert.Equal(HttpStatusCode.Forbidden, rename.Status);
        var unit = await api.Admin.SendJsonAsync(HttpMethod.Post, "/odata/Units",
            $$"""{"FacilityId":{{hvidovreFacility.Id}},"Label":"Ekstra","Beds":1}""");
        Assert.Equal(HttpStatusCode.Forbidden, unit.Status);
        var beds = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({hvidovreUnit.Id})", """{"Label":"Overtaget"}""");
        Assert.Equal(HttpStatusCode.Forbidden, beds.Status);
        // Hvidovre's own administrator may.
        Assert.Equal(HttpStatusCode.NoContent, (await api.As(Role.Administrator, 167).SendJsonAsync(HttpMethod.Patch,
            $"/odata/Facilities({hvidovreFacility.Id})", $$"""{"Name":"{{hvidovreFacility.Name}}"}""")).Status);

        await using var after = api.NewDb();
        Assert.Equal(facilitiesBefore, await after.Facilities.CountAsync());
        Assert.Equal(hvidovreUnit.Label, (await after.Units.SingleAsync(u => u.Id == hvidovreUnit.Id)).Label);
    }

    [Fact]
    public async Task MunicipalityCommand_AddsAMunicipality_AndRefusesATakenCode()
    {
        using var file = new TempDatabase("municipality");
        var added = await ApiCommand.RunAsync("Development", ["municipality", "--code", "851", "--name", "Aalborg", .. file.Arguments]);
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Contains("851 Aalborg", added.Out);
        var again = await ApiCommand.RunAsync("Development", ["municipality", "--code", "851", "--name", "Aalborg", .. file.Arguments]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);
        var usage = await ApiCommand.RunAsync("Development", ["municipality", "--code", "x", .. file.Arguments]);
        Assert.Equal(2, usage.ExitCode);

        await using var db = new Api.Data.HousingDbContext(file.Options());
        var municipality = await db.Municipalities.SingleAsync();
        Assert.Equal((851, "Aalborg"), (municipality.Code, municipality.Name));
        var line = await db.AccessLog.SingleAsync();
        Assert.Equal(("system:municipality", $"Create Municipality {municipality.Id}"), (line.UserName, line.Operation));
    }
}
