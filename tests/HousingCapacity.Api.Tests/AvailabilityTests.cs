using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

public class AvailabilityTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Builders _make = new(api);

    [Fact]
    public async Task Availability_MatchesBedsInServiceMinusOccupied()
    {
        await using var db = api.NewDb();
        var night = ApiFixture.Today.PlusDays(-10);
        var reply = await api.OData.GetAsync(
            $"/odata/Facilities/HousingCapacity.Availability(date={night:yyyy-MM-dd})?$orderby=FacilityId");
        foreach (var row in reply.Value.EnumerateArray())
        {
            var id = row.GetProperty("FacilityId").GetInt32();
            // Units in service, and extra beds only on their nights (the demo's kuldeberedskab of last winter is not counted).
            var inService = await db.Units.Where(u => u.FacilityId == id && u.Status == UnitStatus.InService
                && (u.OpenFrom == null || u.OpenFrom <= night.ToDateOnly() && u.OpenUntil > night.ToDateOnly())).SumAsync(u => u.Beds);
            var occupied = await db.Placements.CountAsync(p => p.FacilityId == id && p.StartDate <= night.ToDateOnly()
                && (p.EndDate == null || p.EndDate > night.ToDateOnly()));
            Assert.Equal(inService, row.GetProperty("BedsInService").GetInt32());
            Assert.Equal(occupied, row.GetProperty("BedsOccupied").GetInt32());
            Assert.Equal(Math.Max(0, inService - occupied), row.GetProperty("BedsFree").GetInt32());
        }
    }

    [Fact]
    public async Task Availability_SupportsFilterOrderByAndSelect()
    {
        var reply = await api.OData.GetAsync("/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)?$filter=Kind eq " +
            "'Section110Shelter' and BedsFree ge 0&$orderby=BedsFree " +
            "desc,FacilityId&$select=FacilityId,BedsFree,ReportAgeMinutes&$count=true");
        var rows = reply.Value.EnumerateArray().ToList();
        Assert.Equal(rows.Count, reply.Json.GetProperty("@odata.count").GetInt32());
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Select(r => r.GetProperty("BedsFree").GetInt32()).OrderDescending(),
            rows.Select(r => r.GetProperty("BedsFree").GetInt32()));
        Assert.All(rows, r => Assert.Equal(3, r.EnumerateObject().Count()));
        Assert.All(rows, r => Assert.True(r.GetProperty("ReportAgeMinutes").GetInt32() >= 0));
    }

    [Fact]
    public async Task Availability_DischargeFreesABedThatNight()
    {
        var facility = await _make.FacilityAsync("EmergencyBeds");
        await _make.UnitAsync(facility, beds: 2);
        var placed = await _make.AllocateAsync(await _make.PersonAsync(ApiFixture.Today.PlusYears(-40)), facility,
            start: ApiFixture.Today.PlusDays(-1));
        async Task<int> Free() =>
            (await api.OData.GetAsync($"/odata/Facilities/HousingCapacity.Availability(date={ApiFixture.Today:yyyy-MM-dd})?$filter=Facili" +
            $"tyId eq {facility}"))
            .Value[0].GetProperty("BedsFree").GetInt32();
        Assert.Equal(1, await Free());
        await api.OData.SendJsonAsync(HttpMethod.Post,
            $"/odata/Placements({placed.Json.GetProperty("Id").GetInt32()})/HousingCapacity.Discharge",
            $$"""{"endDate":"{{ApiFixture.Today:yyyy-MM-dd}}","dischargeReason":"Planned","destination":"OwnHome"}""");
        Assert.Equal(2, await Free());
    }

    [Fact]
    public async Task EligiblePlaces_ForA19YearOldMan_LeavesOutSection110AndWomenOnlyAndFullPlaces()
    {
        var person = await _make.PersonAsync(ApiFixture.Today.PlusYears(-19), male: true);
        var reply = await api.OData.GetAsync(
            $"/odata/Persons({person})/HousingCapacity.EligiblePlaces(date={ApiFixture.Today:yyyy-MM-dd})");
        var rows = reply.Value.EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            // §110 places (the legal basis, not the kind) are left out; a §104 night café is not.
            Assert.NotEqual("Section110", r.GetProperty("LegalBasis").GetString());
            Assert.NotEqual("WomenOnly", r.GetProperty("GenderRestriction").GetString());
            Assert.True(r.GetProperty("BedsFree").GetInt32() > 0);
        });
        Assert.Contains(rows, r => r.GetProperty("Kind").GetString() == "YouthHousing");
        Assert.Contains(rows, r => r.GetProperty("LegalBasis").GetString() == "Section104");
        var older = await _make.PersonAsync(ApiFixture.Today.PlusYears(-40), male: true);
        var olderRows = (await api.OData.GetAsync($"/odata/Persons({older})/HousingCapacity.EligiblePlaces(date" +
            $"={ApiFixture.Today:yyyy-MM-dd})")).Value.EnumerateArray().ToList();
        Assert.DoesNotContain(olderRows, r => r.GetProperty("Kind").GetString() == "YouthHousing");
    }

    [Theory]
    [InlineData("/odata/Facilities/HousingCapacity.Availability(date=2026-02-30)")]
    [InlineData("/odata/Facilities/HousingCapacity.Availability(date='x')")]
    [InlineData("/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)?$filter=Nope eq 1")]
    [InlineData("/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)?$expand=Facility")]
    [InlineData("/odata/Facilities(1)/HousingCapacity.Availability(date=2026-11-22)")]
    [InlineData("/odata/Persons/HousingCapacity.EligiblePlaces(date=2026-11-22)")]
    public async Task Functions_WithBadInput_Are4xx(string url)
    {
        var reply = await api.OData.GetAsync(url);
        Assert.InRange((int)reply.Status, 400, 499);
    }

    [Fact]
    public async Task EligiblePlaces_UnknownPerson_Is404() =>
        Assert.Equal(HttpStatusCode.NotFound,
            (await api.OData.GetAsync("/odata/Persons(999999)/HousingCapacity.EligiblePlaces(date=2026-11-22)")).Status);
}
