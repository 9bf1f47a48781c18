using System.Text;
using System.Text.RegularExpressions;
using HousingCapacity.Api.Data;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>Issue 23, finding 8: every date a user gives lies in a window (2000-01-01 to a year ahead), answered with a clear
/// 400.</summary>
public partial class DateWindowTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    private static void AssertOutOfRange(ODataTestClient.Reply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.BadRequest && reply.ErrorCode == "DateOutOfRange", $"{(int)reply.Status} {reply.Body}");
        var danish = reply.ErrorMessage.Split(" / ")[0];
        Assert.Contains("2000", danish);
        Assert.DoesNotMatch(IsoDate(), danish);
    }

    [Fact]
    public void EveryDateOfEveryRecord_IsEitherGivenOrDerived()
    {
        var dates = typeof(Entity).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Entity)))
            .SelectMany(t => t.GetProperties().Where(p => p.PropertyType == typeof(DateOnly) || p.PropertyType == typeof(DateOnly?))
                .Select(p => (t, p.Name)))
            .ToList();
        Assert.NotEmpty(dates);
        foreach (var (type, name) in dates)
            Assert.True(DateWindow.Given.GetValueOrDefault(type, []).Contains(name) ^ DateWindow.Derived.GetValueOrDefault(type, [])
                .Contains(name),
                $"{type.Name}.{name}: declare it once in DateWindow.Given (a date a user gives) or DateWindow.Derived.");
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("2027-11-24")]
    public async Task Stay_StartingOutsideTheWindow_Is400_AndNothingIsSaved(string start)
    {
        var make = new Builders(api);
        var person = await make.PersonAsync(ApiFixture.Today.PlusYears(-40));
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, 2);
        var reply = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Placements",
            $$"""{"PersonId":{{person}},"FacilityId":{{facility}},"StartDate":"{{start}}"}""");
        AssertOutOfRange(reply);
        await using var db = api.NewDb();
        Assert.False(await db.Placements.AnyAsync(p => p.PersonId == person));
        // The window's edges: a year ahead is a planned stay, and it can still be made.
        var edge = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Placements",
            $$"""{"PersonId":{{person}},"FacilityId":{{facility}},"StartDate":"{{ApiFixture.Today.PlusDays(366):yyyy-MM-dd}}"}""");
        Assert.Equal(HttpStatusCode.Created, edge.Status);
    }

    [Fact]
    public async Task Turnaway_AndDischarge_OutsideTheWindow_Are400()
    {
        AssertOutOfRange(await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            """{"FacilityId":1,"Reason":"Full","Date":"0001-01-01"}"""));
        var make = new Builders(api);
        var person = await make.PersonAsync(ApiFixture.Today.PlusYears(-40));
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, 1);
        var stay = (await make.AllocateAsync(person, facility)).Json.GetProperty("Id").GetInt32();
        AssertOutOfRange(await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Discharge",
            """{"endDate":"9999-12-31","dischargeReason":"Planned","destination":"OwnHome"}"""));
    }

    [Fact]
    public async Task CapacityImport_WithADateOutsideTheWindow_IsRefused()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, 3);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{facility};0001-01-01;3;1;0"));
        content.Headers.ContentType = new("text/csv");
        var reply = await api.Staff(facility).SendAsync(new HttpRequestMessage(HttpMethod.Post,
            "/imports/capacity-reports") { Content = content });
        Assert.True((int)reply.Status is 400 or 422, reply.Body);
        await using var db = api.NewDb();
        Assert.False(await db.CapacityReports.AnyAsync(r => r.FacilityId == facility));
    }

    [Theory]
    [InlineData("/odata/Placements/HousingCapacity.LongStays(date=0001-01-01)")]
    [InlineData("/odata/Persons(1)/HousingCapacity.CountingYear(date=9999-12-31)")]
    [InlineData("/odata/Persons(1)/HousingCapacity.EligiblePlaces(date=9999-12-31)")]
    [InlineData("/odata/Facilities/HousingCapacity.Availability(date=0001-01-01)")]
    public async Task Functions_WithADateOutsideTheWindow_Are400(string url) =>
        AssertOutOfRange(await api.OData.GetAsync(url));
}
