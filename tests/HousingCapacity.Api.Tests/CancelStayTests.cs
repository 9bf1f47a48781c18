using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>Issue 23, finding 8: a stay entered in error is cancelled by an officer with a reason, so a mistake is never stuck.</summary>
public class CancelStayTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Reason = "Registreret på den forkerte person ved en fejl.";

    private static string Body(string? reason) => reason is null ? "{}" : $$"""{"reason":"{{reason}}"}""";

    [Fact]
    public async Task Officer_CancelsAStayEnteredInError_TheBedAndThePersonAreFreeAgain_AndTheLogKeepsIt()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, 1);
        var (start, end) = (ApiFixture.Today.PlusDays(30), ApiFixture.Today.PlusDays(40));
        var person = await make.PersonAsync(ApiFixture.Today.PlusYears(-50));
        var stay = (await make.AllocateAsync(person, facility, start: start, end: end)).Json.GetProperty("Id").GetInt32();
        var other = await make.PersonAsync(ApiFixture.Today.PlusYears(-51));
        Assert.Equal("FacilityFull", (await make.AllocateAsync(other, facility, start: start, end: end)).ErrorCode);

        var url = $"/odata/Placements({stay})/HousingCapacity.Cancel";
        var tooShort = await api.OData.SendJsonAsync(HttpMethod.Post, url, Body("fejl"));
        Assert.Equal((HttpStatusCode.BadRequest, "ReasonRequired"), (tooShort.Status, tooShort.ErrorCode));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Staff(facility).SendJsonAsync(HttpMethod.Post, url, Body(Reason))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.As(Role.HousingOfficer, 167).SendJsonAsync(HttpMethod.Post, url, Body(Reason)))
            .Status);
        var before = await LastLineAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await api.OData.SendJsonAsync(HttpMethod.Post, url, Body(Reason))).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await api.OData.GetAsync($"/odata/Placements({stay})")).Status);
        Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(other, facility, start: start, end: end)).Status);
        var elsewhere = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(elsewhere, 1);
        Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(person, elsewhere, start: start, end: end)).Status);

        await using var db = api.NewDb();
        var line = Assert.Single(await db.AccessLogLines.Where(l => l.Id > before && l.Operation.StartsWith("Cancel Placement"))
            .ToListAsync());
        Assert.Equal(person, line.PersonId);
        Assert.Contains(Reason, line.Operation);
        Assert.Contains($"{start:yyyy-MM-dd}–{end:yyyy-MM-dd}", line.Operation);
    }

    [Fact]
    public async Task Cancel_AHousingFirstStay_TakesItsSupportPeriodsWithIt()
    {
        var stay = await StayAsync("HousingFirst", "ICM");
        Assert.Equal(HttpStatusCode.NoContent,
            (await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Cancel", Body(Reason))).Status);
        await using var db = api.NewDb();
        Assert.False(await db.SupportPeriods.AnyAsync(p => p.PlacementId == stay));
        Assert.False(await db.Placements.AnyAsync(p => p.Id == stay));
    }

    [Fact]
    public async Task Cancel_AReasonHoldingACpr_IsRefused_AndNothingIsCancelled()
    {
        var stay = await StayAsync("EmergencyBeds");
        var refused = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Cancel",
            Body("Forkert person, det var 130169-0961"));
        Assert.Equal("CprInFreeText", refused.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync($"/odata/Placements({stay})")).Status);
    }

    /// <summary>A stay from tonight of a new person in a new one-bed place of this kind.</summary>
    private async Task<int> StayAsync(string kind, string? supportMethod = null)
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync(kind);
        await make.UnitAsync(facility, 1);
        var person = await make.PersonAsync(ApiFixture.Today.PlusYears(-40));
        var created = await make.AllocateAsync(person, facility, supportMethod: supportMethod);
        Assert.True(created.Status == HttpStatusCode.Created, created.Body);
        return created.Json.GetProperty("Id").GetInt32();
    }

    private async Task<long> LastLineAsync()
    {
        await using var db = api.NewDb();
        return await db.AccessLogLines.MaxAsync(l => (long?)l.Id) ?? 0;
    }
}
