using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>Issue 23, finding 10: a page refused by a rule of access answers 403 with the Danish page, as the API does; never a
/// 500.</summary>
public class PageRefusalTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AccessLogPage_OfAPersonAnotherMunicipalityAnswersFor_Is403_NotA500()
    {
        await using var db = api.NewDb();
        // Someone from elsewhere (or of no known municipality) who stayed at a Rødovre place: the Rødovre officer sees them, but the export
        // is their municipality's.
        var person = await db.Placements.Where(p => p.Facility!.MunicipalityId == 1 && p.Person!.MunicipalityId != 1)
            .Select(p => p.PersonId).FirstAsync();
        var api403 = await api.OData.GetAsync($"/odata/Persons({person})/HousingCapacity.AccessLog()");
        Assert.Equal(HttpStatusCode.Forbidden, api403.Status);
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var linesBefore = LogSink.Lines.Count;
        using var page = await officer.Http.GetAsync($"/sagsbehandler/person/{person}/adgangslog");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"da\">", html);
        Assert.Contains("den kommune, der har ansvaret for personen", html);
        Assert.DoesNotContain(LogSink.Lines.Skip(linesBefore), l => l.StartsWith("Error", StringComparison.Ordinal)
            || l.Contains("   at "));
    }
}
