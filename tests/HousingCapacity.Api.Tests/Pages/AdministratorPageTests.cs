using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>Issue 27.7: the administrator creates, edits (with the version the form was read at) and closes a facility on the pages,
/// and adds and changes its units, with the API's rules.</summary>
public sealed class AdministratorPageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AFacility_IsCreated_Edited_GivenUnits_AndClosed()
    {
        using var admin = await PageClient.SignedInAsync(api, Role.Administrator);
        const string create = "/administration/tilbud";
        var name = $"Natcafé {Guid.NewGuid():N}"[..20];
        using var missing = await admin.PostFormAsync(create, new() { ["Name"] = name, ["Address"] = "Byvej 2" }, create);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Vælg hvilken slags tilbud det er.", await missing.Content.ReadAsStringAsync());

        using var made = await admin.PostFormAsync(create, new()
        {
            ["Name"] = name, ["Kind"] = "EmergencyBeds", ["Address"] = "Byvej 2", ["GenderRestriction"] = "None",
        }, create);
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        int id;
        await using (var db = api.NewDb())
        {
            var facility = await db.Facilities.SingleAsync(f => f.Name == name);
            (id, var basis, var municipality) = (facility.Id, facility.LegalBasis, facility.MunicipalityId);
            Assert.Equal((LegalBasis.Section110, 1), (basis, municipality));
        }
        var page = $"/administration/tilbud/{id}";
        Assert.Equal(page, made.Headers.Location!.OriginalString);

        // Edited from a form read at version 1, after someone else saved version 2: refused, nothing saved.
        var edit = new Dictionary<string, string>
        {
            ["Name"] = name, ["Kind"] = "EmergencyBeds", ["Address"] = "Byvej 4", ["GenderRestriction"] = "WomenOnly",
            ["LegalBasis"] = "Section104", ["Version"] = "1",
        };
        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({id})",
            """{"MinAge":18}""")).Status);
        using var stale = await admin.PostFormAsync(page, edit, page);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("Tilbuddet er ændret af en anden", await stale.Content.ReadAsStringAsync());
        await using (var db = api.NewDb()) Assert.Equal("Byvej 2", (await db.Facilities.SingleAsync(f => f.Id == id)).Address);
        edit["Version"] = "2";
        using var saved = await admin.PostFormAsync(page, edit, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = api.NewDb())
        {
            var facility = await db.Facilities.SingleAsync(f => f.Id == id);
            Assert.Equal(("Byvej 4", GenderRestriction.WomenOnly, LegalBasis.Section104), (facility.Address, facility.GenderRestriction,
                facility.LegalBasis));
        }

        // A unit added, then its beds changed.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"{page}?handler=Unit",
            new() { ["UnitLabel"] = "Sal 1", ["UnitBeds"] = "6", ["UnitStatus"] = "InService" }, page)).StatusCode);
        int unit;
        await using (var db = api.NewDb()) unit = await db.Units.Where(u => u.FacilityId == id).Select(u => u.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"{page}?handler=Unit",
            new() { ["UnitId"] = unit.ToString(), ["UnitLabel"] = "Sal 1", ["UnitBeds"] = "4", ["UnitStatus"] = "InService" }, page))
            .StatusCode);
        await using (var db = api.NewDb()) Assert.Equal(4, (await db.Units.SingleAsync(u => u.Id == unit)).Beds);

        // Closed only when confirmed; then no new stay is allocated there.
        var html = await admin.Http.GetStringAsync(page);
        var version = System.Text.RegularExpressions.Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        using var unconfirmed = await admin.PostFormAsync($"{page}?handler=Active", new() { ["Version"] = version }, page);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        using var closed = await admin.PostFormAsync($"{page}?handler=Active",
            new() { ["Version"] = version, ["CloseConfirmed"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        await using (var db = api.NewDb()) Assert.False((await db.Facilities.SingleAsync(f => f.Id == id)).IsActive);
        var person = await new Builders(api).PersonAsync(new NodaTime.LocalDate(1970, 1, 5), male: false);
        var refused = await new Builders(api).AllocateAsync(person, id);
        Assert.Contains("Tilbuddet er lukket for nye ophold.", refused.Body);
        Assert.Contains("Tilbuddet er lukket: ingen nye ophold", await admin.Http.GetStringAsync(page));
    }
}
