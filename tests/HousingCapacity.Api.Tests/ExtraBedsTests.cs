using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Issue 28.4: extra beds a place opens for a period (a kuldeberedskab): counted in the free beds and allocated on their nights only,
/// a stay in them ending with them, closed early only when nobody has one, and exactly one winner for the last of them.
/// </summary>
public sealed class ExtraBedsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly LocalDate Tonight = ApiFixture.Today;

    private static string D(LocalDate date) => date.ToString("yyyy-MM-dd", null);

    private static Task<ODataTestClient.Reply> OpenAsync(ODataTestClient client, int facility, LocalDate first, LocalDate last, int beds,
        string reason = "ColdWeather", string? note = null) =>
        client.SendJsonAsync(HttpMethod.Post, "/odata/ExtraBeds", JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["FacilityId"] = facility, ["FirstNight"] = D(first), ["LastNight"] = D(last), ["Beds"] = beds, ["Reason"] = reason,
            ["Note"] = note,
        }));

    private static Task<ODataTestClient.Reply> CloseAsync(ODataTestClient client, int id, LocalDate lastNight) =>
        client.SendJsonAsync(HttpMethod.Post, $"/odata/ExtraBeds({id})/HousingCapacity.Close", $$"""{"lastNight":"{{D(lastNight)}}"}""");

    private async Task<JsonElement> AvailabilityAsync(int facility, LocalDate night)
    {
        var reply = await api.OData.GetAsync($"/odata/Facilities/HousingCapacity.Availability(date={D(night)})");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json.GetProperty("value").EnumerateArray().Single(a => a.GetProperty("FacilityId").GetInt32() == facility);
    }

    [Fact]
    public async Task ExtraBeds_CountOnTheirNightsOnly_FillAfterTheRegularBeds_AndAStayInThemEndsWithThem()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var regular = await make.UnitAsync(facility, beds: 1);
        var opened = await OpenAsync(api.Staff(facility), facility, Tonight, Tonight.PlusDays(4), 2);
        Assert.Equal(HttpStatusCode.Created, opened.Status);
        var extraUnit = opened.Json.GetProperty("UnitId").GetInt32();
        Assert.Equal("ColdWeather", opened.Json.GetProperty("Reason").GetString());

        var tonight = await AvailabilityAsync(facility, Tonight);
        Assert.Equal((3, 2, 3), (tonight.GetProperty("BedsInService").GetInt32(), tonight.GetProperty("ExtraBeds").GetInt32(),
            tonight.GetProperty("BedsFree").GetInt32()));
        var after = await AvailabilityAsync(facility, Tonight.PlusDays(5));
        Assert.Equal((1, 0), (after.GetProperty("BedsInService").GetInt32(), after.GetProperty("ExtraBeds").GetInt32()));

        // The regular bed first; then the extra beds, and a stay asked without an end ends the morning after their last night.
        var first = await make.AllocateAsync(await make.PersonAsync(Tonight.PlusYears(-40)), facility);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(regular, first.Json.GetProperty("UnitId").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.Json.GetProperty("EndDate").ValueKind);
        var second = await make.AllocateAsync(await make.PersonAsync(Tonight.PlusYears(-41)), facility);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(extraUnit, second.Json.GetProperty("UnitId").GetInt32());
        Assert.Equal(D(Tonight.PlusDays(5)), second.Json.GetProperty("EndDate").GetString());

        // Past their last night the extra beds cannot be given: a stay asked beyond it is refused, naming the nights.
        var beyond = await make.AllocateAsync(await make.PersonAsync(Tonight.PlusYears(-42)), unitId: extraUnit, start: Tonight,
            end: Tonight.PlusDays(7));
        Assert.Equal(HttpStatusCode.Conflict, beyond.Status);
        Assert.Contains("UnitOutOfService", beyond.DetailCodes());
        Assert.Contains("kun åbne nætterne", beyond.Body);
        var later = await make.AllocateAsync(await make.PersonAsync(Tonight.PlusYears(-43)), facility, start: Tonight.PlusDays(6),
            end: Tonight.PlusDays(7));
        Assert.Equal(HttpStatusCode.Conflict, later.Status);
        Assert.Contains("FacilityFull", later.DetailCodes());

        // The person in an extra bed is discharged before the beds close, with where they went.
        var stay = second.Json.GetProperty("Id").GetInt32();
        var discharged = await api.Staff(facility).SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Discharge",
            $$"""{"endDate":"{{D(Tonight.PlusDays(2))}}","dischargeReason":"Planned","destination":"OwnHome"}""");
        Assert.Equal(HttpStatusCode.OK, discharged.Status);
        var afterEnd = await api.Staff(facility).SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Discharge",
            $$"""{"endDate":"{{D(Tonight.PlusDays(3))}}","dischargeReason":"Planned","destination":"OwnHome"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, afterEnd.Status);
    }

    [Fact]
    public async Task OpeningExtraBeds_BadInputAndOtherPlaces_AreRefusedInDanishAndEnglish_AndSaveNothing()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("Section110Shelter");
        var other = await make.FacilityAsync("Section110Shelter");
        var staff = api.Staff(facility);
        async Task Refused(ODataTestClient.Reply reply, HttpStatusCode status, string code)
        {
            Assert.Equal(status, reply.Status);
            Assert.Equal(code, reply.Json.GetProperty("error").GetProperty("code").GetString());
            Assert.DoesNotContain("Exception", reply.Body);
            await using var db = api.NewDb();
            Assert.False(await db.ExtraBeds.AnyAsync(e => e.FacilityId == facility && e.Beds == 7));
        }
        await Refused(await OpenAsync(staff, facility, Tonight.PlusDays(3), Tonight.PlusDays(1), 7), HttpStatusCode.UnprocessableEntity,
            "LastNightBeforeFirst");
        await Refused(await OpenAsync(staff, facility, Tonight.PlusDays(-1), Tonight.PlusDays(1), 7), HttpStatusCode.UnprocessableEntity,
            "FirstNightPast");
        await Refused(await OpenAsync(staff, facility, Tonight, Tonight.PlusDays(200), 7), HttpStatusCode.UnprocessableEntity,
            "PeriodTooLong");
        await Refused(await OpenAsync(staff, facility, Tonight, Tonight, 7, "Other"), HttpStatusCode.UnprocessableEntity, "NoteRequired");
        await Refused(await OpenAsync(staff, facility, Tonight, Tonight, 0), HttpStatusCode.UnprocessableEntity, "InvalidBeds");
        await Refused(await OpenAsync(api.Staff(other), facility, Tonight, Tonight, 7), HttpStatusCode.NotFound, "ReferenceNotFound");
        var committee = await OpenAsync(api.As(Security.Role.Committee), facility, Tonight, Tonight, 7);
        Assert.Equal(HttpStatusCode.Forbidden, committee.Status);

        Assert.Equal(HttpStatusCode.Created, (await OpenAsync(staff, facility, Tonight, Tonight.PlusDays(3), 2)).Status);
        var overlap = await OpenAsync(api.OData, facility, Tonight.PlusDays(3), Tonight.PlusDays(5), 7);
        await Refused(overlap, HttpStatusCode.Conflict, "ExtraBedsOverlap");
        Assert.Contains("har allerede ekstra senge åbne", overlap.Body);
        // Their unit opens and closes with the period: staff cannot take it in or out of service as a unit.
        await using var db = api.NewDb();
        var unit = await db.ExtraBeds.Where(e => e.FacilityId == facility).Select(e => e.UnitId).SingleAsync();
        var patched = await staff.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({unit})", """{"Status":"OutOfService"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, patched.Status);
    }

    [Fact]
    public async Task ClosingEarly_IsRefusedWhileSomeoneHasAnExtraBed_AndThenClosesThemFromTonight()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var staff = api.Staff(facility);
        var opened = await OpenAsync(staff, facility, Tonight, Tonight.PlusDays(9), 3);
        var id = opened.Json.GetProperty("Id").GetInt32();
        var person = await make.PersonAsync(Tonight.PlusYears(-35));
        var stay = await make.AllocateAsync(person, facility, start: Tonight.PlusDays(2), end: Tonight.PlusDays(4));
        Assert.Equal(HttpStatusCode.Created, stay.Status);

        var refused = await CloseAsync(staff, id, Tonight.PlusDays(-1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("ExtraBedsInUse", refused.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("Én person har en af de ekstra senge", refused.Body);
        Assert.Equal(3, (await AvailabilityAsync(facility, Tonight)).GetProperty("ExtraBeds").GetInt32());
        var before = await CloseAsync(staff, id, Tonight.PlusDays(-2));
        Assert.Equal("LastNightBeforeFirst", before.Json.GetProperty("error").GetProperty("code").GetString());

        // Closing after the last night someone has one of them is allowed; closing from tonight once they are gone.
        Assert.Equal(HttpStatusCode.OK, (await CloseAsync(staff, id, Tonight.PlusDays(3))).Status);
        Assert.Equal(0, (await AvailabilityAsync(facility, Tonight.PlusDays(4))).GetProperty("ExtraBeds").GetInt32());
        var cancelled = await api.OData.SendJsonAsync(HttpMethod.Post,
            $"/odata/Placements({stay.Json.GetProperty("Id").GetInt32()})/HousingCapacity.Cancel",
            """{"reason":"Registreret ved en fejl"}""");
        Assert.Equal(HttpStatusCode.NoContent, cancelled.Status);
        var closed = await CloseAsync(staff, id, Tonight.PlusDays(-1));
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Equal(D(Tonight.PlusDays(-1)), closed.Json.GetProperty("LastNight").GetString());
        Assert.Equal(D(Tonight.PlusDays(9)), closed.Json.GetProperty("PlannedLastNight").GetString());
        Assert.Equal(0, (await AvailabilityAsync(facility, Tonight)).GetProperty("ExtraBeds").GetInt32());
    }

    [Fact]
    public async Task DatabaseGuards_RefuseAStayOutsideTheNights_AndAnEarlyCloseOverSomeonesBed_WithoutTheApplication()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var opened = await OpenAsync(api.Staff(facility), facility, Tonight, Tonight.PlusDays(2), 2);
        var unit = opened.Json.GetProperty("UnitId").GetInt32();
        var a = await make.PersonAsync(Tonight.PlusYears(-50));
        var b = await make.PersonAsync(Tonight.PlusYears(-51));
        await using var db = api.NewDb();
        var open = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "Placements" ("PersonId", "UnitId", "FacilityId", "StartDate", "SupportMethod") """ +
            "VALUES ({0}, {1}, {2}, '2026-11-22', 'None')", a, unit, facility));
        Assert.Contains("ExtraBedsClosed", open.Message);
        Assert.Equal(HttpStatusCode.Created, (await make.AllocateAsync(b, unitId: unit)).Status);
        var close = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(
            """UPDATE "Units" SET "OpenUntil" = '2026-11-22' WHERE "Id" = {0}""", unit));
        Assert.Contains("ExtraBedsInUse", close.Message);
    }

    /// <summary>The last extra bed, night after night: 16 officers at once, exactly one wins each night.</summary>
    [Fact]
    public async Task Allocate_16SimultaneousRequestsForTheLastExtraBed_ExactlyOneWinsEachNight()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        const int nights = 12;
        var opened = await OpenAsync(api.Staff(facility), facility, Tonight, Tonight.PlusDays(nights - 1), 1);
        var unit = opened.Json.GetProperty("UnitId").GetInt32();
        var persons = new List<int>();
        for (var i = 0; i < 16; i++) persons.Add(await make.PersonAsync(Tonight.PlusYears(-30 - i)));
        for (var n = 0; n < nights; n++)
        {
            var night = Tonight.PlusDays(n);
            using var start = new ManualResetEventSlim(false);
            var attempts = persons.Select(person => Task.Run(async () =>
            {
                start.Wait();
                return (await make.AllocateAsync(person, facility, start: night, end: night.PlusDays(1))).Status;
            })).ToList();
            start.Set();
            var statuses = await Task.WhenAll(attempts);
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
            Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.Conflict));
        }
        await using var db = api.NewDb();
        var stays = await db.Placements.Where(p => p.UnitId == unit).ToListAsync();
        Assert.Equal(nights, stays.Count);
        for (var n = 0; n < nights; n++) Assert.Equal(1, stays.Count(s => s.Stay.ContainsNight(Tonight.PlusDays(n))));
    }

    /// <summary>Closing the extra beds from tonight while officers race for them: either the close wins and nobody has one, or a stay
    /// wins and the close is refused; never a stay in beds that have closed.</summary>
    [Fact]
    public async Task ClosingWhileOfficersAllocate_EitherTheCloseOrAStayWins_NeverBoth()
    {
        var make = new Builders(api);
        var persons = new List<int>();
        for (var i = 0; i < 8; i++) persons.Add(await make.PersonAsync(Tonight.PlusYears(-60 - i)));
        for (var round = 0; round < 6; round++)
        {
            var facility = await make.FacilityAsync("EmergencyBeds");
            var staff = api.Staff(facility);
            var opened = await OpenAsync(staff, facility, Tonight, Tonight.PlusDays(3), 1);
            var (id, unit) = (opened.Json.GetProperty("Id").GetInt32(), opened.Json.GetProperty("UnitId").GetInt32());
            using var start = new ManualResetEventSlim(false);
            var allocations = persons.Select(person => Task.Run(async () =>
            {
                start.Wait();
                return (await make.AllocateAsync(person, facility, start: Tonight, end: Tonight.PlusDays(1))).Status;
            })).ToList();
            var close = Task.Run(async () =>
            {
                start.Wait();
                return (await CloseAsync(staff, id, Tonight.PlusDays(-1))).Status;
            });
            start.Set();
            var statuses = await Task.WhenAll(allocations);
            var closed = await close == HttpStatusCode.OK;
            await using var db = api.NewDb();
            var stays = await db.Placements.CountAsync(p => p.UnitId == unit);
            Assert.Equal(closed ? 0 : 1, stays);
            Assert.Equal(stays, statuses.Count(s => s == HttpStatusCode.Created));
            Assert.Equal(8 - stays, statuses.Count(s => s == HttpStatusCode.Conflict));
            // Free the persons for the next round.
            await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "Placements" WHERE "UnitId" = {unit}""");
        }
    }

    /// <summary>The administrator sees the place's periods of extra beds on its page (the demo's kuldeberedskab last winter).</summary>
    [Fact]
    public async Task TheAdministrator_SeesThePlacesExtraBeds_OnItsPage()
    {
        using var admin = await Pages.PageClient.SignedInAsync(api, Security.Role.Administrator, 175);
        var page = await admin.Http.GetStringAsync("/administration/tilbud/1");
        Assert.Contains("<h2>Ekstra senge</h2>", page);
        Assert.Contains("6 ekstra senge · Kuldeberedskab · nætterne 10. januar – 23. januar 2026", page);
    }
}
