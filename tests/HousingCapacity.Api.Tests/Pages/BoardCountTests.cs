using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>
/// Issue 27.2: tonight's count is prefilled from tonight's stays and holds, not from the last report, and a count that differs
/// from them (here: one fewer, a guest who left without checking out) is sent only once staff confirm it, with the reason shown
/// next to the field.
/// </summary>
public class BoardCountTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task TheCount_IsTheStays_AndADifferentOneIsConfirmedFirst()
    {
        int facility, guests;
        var tonight = ApiFixture.Today.ToDateOnly();
        await using (var db = api.NewDb())
        {
            facility = await db.Facilities.Where(f => f.MunicipalityId == 1 && f.Kind == FacilityKind.Section110Shelter).Select(f => f.Id)
                .FirstAsync();
            guests = await db.Placements.CountAsync(p => p.FacilityId == facility && p.StartDate <= tonight
                && (p.EndDate == null || p.EndDate > tonight));
        }
        Assert.True(guests >= 2, "the demo shelter has guests tonight");
        using var staff = await PageClient.SignedInAsync(api, Role.ShelterStaff, 175, facility);
        var page = $"/personale?tilbud={facility}";
        var board = await staff.Http.GetStringAsync(page);
        Assert.Matches($"""id="BedsOccupied"[^>]*value="{guests}"|value="{guests}"[^>]*id="BedsOccupied" """.Trim(), board);

        string Prefilled(string field) =>
            System.Text.RegularExpressions.Regex.Match(board, $"""id="{field}"[^>]*value="(\d+)" """.Trim()).Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["BedsInService"] = Prefilled("BedsInService"), ["BedsOccupied"] = (guests - 1).ToString(),
            ["BedsOutOfService"] = Prefilled("BedsOutOfService"),
        };
        using var refused = await staff.PostFormAsync($"/personale?handler=Count&tilbud={facility}", new(fields), page);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // as every page answers a form it asks to be corrected
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"Du har skrevet {guests - 1} belagte senge, men", html);
        Assert.Contains("Tallet af belagte senge er rigtigt", html);
        await using (var db = api.NewDb())
            Assert.False(await db.CapacityReports.AnyAsync(r => r.FacilityId == facility && r.Date == tonight
                && r.BedsOccupied == guests - 1));

        fields["CountDiffersConfirmed"] = "true";
        using var confirmed = await staff.PostFormAsync($"/personale?handler=Count&tilbud={facility}", new(fields), page);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using (var db = api.NewDb())
            Assert.True(await db.CapacityReports.AnyAsync(r => r.FacilityId == facility && r.Date == tonight
                && r.BedsOccupied == guests - 1));
        // The board now says the report and the stays differ, and the form is filled from the stays again.
        var after = await staff.Http.GetStringAsync(page);
        Assert.Contains($"Nattens indberetning siger {guests - 1} belagte senge", after);
    }
}
