using HousingCapacity.Api.Security;
using HousingCapacity.Api.Tests.Pages;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Issue 28.5: a place that has not reported tonight's count by the time it was due (PlacementRules:CountDueBy, 22:00) is flagged in
/// the availability answer, on its staff's board and to the municipality's officers; before that time, and once it reports, it is
/// not. The class has its own fixture: its tests move the clock.
/// </summary>
public sealed class StaleCountTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly Instant Before = Instant.FromUtc(2026, 11, 22, 20, 30); // 21:30 in Copenhagen
    private static readonly Instant After = Instant.FromUtc(2026, 11, 22, 21, 30); // 22:30

    private async Task<System.Text.Json.JsonElement> AvailabilityOfAsync(int facility)
    {
        var reply = await api.OData.GetAsync("/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json.GetProperty("value").EnumerateArray().Single(a => a.GetProperty("FacilityId").GetInt32() == facility);
    }

    [Fact]
    public async Task ACountMissingAfterItWasDue_IsFlaggedToEveryoneWhoReliesOnIt_UntilThePlaceReports()
    {
        var build = new Builders(api);
        var facility = await build.FacilityAsync("EmergencyBeds");
        await build.UnitAsync(facility, beds: 6);
        try
        {
            api.Clock.Reset(Before);
            var early = await AvailabilityOfAsync(facility);
            Assert.False(early.GetProperty("ReportedTonight").GetBoolean());
            Assert.False(early.GetProperty("CountOverdue").GetBoolean());

            api.Clock.Reset(After);
            var late = await AvailabilityOfAsync(facility);
            Assert.False(late.GetProperty("ReportedTonight").GetBoolean());
            Assert.True(late.GetProperty("CountOverdue").GetBoolean());
            using (var staff = await PageClient.SignedInAsync(api, Role.ShelterStaff, 175, facility))
                Assert.Contains("Nattens tal er ikke indberettet, og det skulle være sket kl. 22.00.",
                    await staff.Http.GetStringAsync("/personale"));
            string name;
            await using (var db = api.NewDb())
                name = db.Facilities.Where(f => f.Id == facility).Select(f => f.Name).Single();
            using (var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer))
            {
                var home = await officer.Http.GetStringAsync("/sagsbehandler");
                Assert.Contains("Nattens tal mangler fra", home);
                Assert.Contains(name, home);
            }

            var reported = await api.Staff(facility).SendJsonAsync(HttpMethod.Post, "/odata/CapacityReports",
                $$"""{"FacilityId":{{facility}},"Date":"2026-11-22","BedsOccupied":2}""");
            Assert.Equal(HttpStatusCode.Created, reported.Status);
            var after = await AvailabilityOfAsync(facility);
            Assert.True(after.GetProperty("ReportedTonight").GetBoolean());
            Assert.False(after.GetProperty("CountOverdue").GetBoolean());
            using var staffAfter = await PageClient.SignedInAsync(api, Role.ShelterStaff, 175, facility);
            Assert.DoesNotContain("Nattens tal er ikke indberettet", await staffAfter.Http.GetStringAsync("/personale"));
        }
        finally
        {
            api.Clock.Reset(Instant.FromUtc(2026, 11, 22, 19, 0));
        }
    }
}
