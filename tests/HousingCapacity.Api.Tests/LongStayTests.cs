using NodaTime;

namespace HousingCapacity.Api.Tests;

public class LongStayTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task LongStays_CountsNightsInTheCountingYear_AndFlagsPastNinety()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("Section110Shelter");
        var unit = await make.UnitAsync(facility, beds: 3);
        var today = ApiFixture.Today;
        // 60 nights ending 100 days ago, then 31 nights ongoing since: 91 in the counting year that began 160 days ago.
        var person = await make.PersonAsync(today.PlusYears(-50));
        Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(person, unitId: unit, start: today.PlusDays(-160),
            end: today.PlusDays(-100))).Status);
        var ongoing = await make.AllocateAsync(person, unitId: unit, start: today.PlusDays(-30));
        // Exactly 90 nights: not flagged.
        var ninety = await make.PersonAsync(today.PlusYears(-51));
        await make.AllocateAsync(ninety, unitId: unit, start: today.PlusDays(-89));
        // A counting year that ended (one year after its first night) is not today's.
        var old = await make.PersonAsync(today.PlusYears(-52));
        await make.AllocateAsync(old, unitId: unit, start: today.PlusDays(-500), end: today.PlusDays(-340));

        var reply = await api.OData.GetAsync($"/odata/Placements/HousingCapacity.LongStays(date={today:yyyy-MM-dd})?$filter=PersonId in " +
            $"({person},{ninety},{old})");
        var row = Assert.Single(reply.Value.EnumerateArray());
        Assert.Equal(person, row.GetProperty("PersonId").GetInt32());
        Assert.Equal(91, row.GetProperty("Section110Nights").GetInt32());
        Assert.Equal(1, row.GetProperty("NightsPastThreshold").GetInt32());
        Assert.Equal(today.ToString("yyyy-MM-dd", null), row.GetProperty("ThresholdPassedOn").GetString());
        Assert.Equal(ongoing.Json.GetProperty("Id").GetInt32(), row.GetProperty("PlacementId").GetInt32());
        Assert.True(row.GetProperty("Ongoing").GetBoolean());
    }

    [Fact]
    public async Task LongStays_TheDayBeforeTheLawAppliedFrom_IsAnEmptyList_AndItsFirstNightCounts()
    {
        // Nights before 1 October 2023 (lov nr. 482 af 12. maj 2023) begin no counting year (Domain/CountingYear.cs): a stay of
        // 220 nights across that day has none counted the day before, one on its first night, and sixty fifty-nine days later.
        var make = new Builders(api);
        var unit = await make.UnitAsync(await make.FacilityAsync("Section110Shelter"), beds: 1);
        var person = await make.PersonAsync(ApiFixture.Today.PlusYears(-40));
        var appliesFrom = new LocalDate(2023, 10, 1);
        Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(person, unitId: unit, start: appliesFrom.PlusDays(-150),
            end: appliesFrom.PlusDays(70))).Status);
        async Task<List<System.Text.Json.JsonElement>> On(LocalDate date) =>
            [.. (await api.OData.GetAsync($"/odata/Placements/HousingCapacity.LongStays(date={date:yyyy-MM-dd},warnings=true)" +
                $"?$filter=PersonId eq {person}")).Value.EnumerateArray()];
        Assert.Empty(await On(appliesFrom.PlusDays(-1)));
        Assert.Empty(await On(appliesFrom));          // one night: no warning yet
        var sixtieth = Assert.Single(await On(appliesFrom.PlusDays(59)));  // the first warning (60 nights), counted from then
        Assert.Equal(60, sixtieth.GetProperty("Section110Nights").GetInt32());
        Assert.Equal("2023-10-01", sixtieth.GetProperty("WindowStart").GetString());
    }
}
