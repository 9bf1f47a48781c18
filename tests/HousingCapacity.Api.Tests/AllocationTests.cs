using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>The placement rules through HTTP, at their edges.</summary>
public class AllocationTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Builders _make = new(api);
    private const string Justification = "Ingen ungeplads ledig i nat; borgeren ville ellers sove på gaden.";
    private static readonly LocalDate Today = ApiFixture.Today;

    private async Task<(int Facility, int Unit)> ShelterAsync(int beds = 1, string kind = "Section110Shelter", string gender = "None")
    {
        var facility = await _make.FacilityAsync(kind, gender);
        return (facility, await _make.UnitAsync(facility, beds));
    }

    [Fact]
    public async Task Allocate_19YearOldToSection110_IsRefusedWithYouthInSection110_AndAdmittedWithJustification()
    {
        var (facility, _) = await ShelterAsync();
        var person = await _make.PersonAsync(Today.PlusYears(-19));
        var refused = await _make.AllocateAsync(person, facility);
        Assert.Equal((HttpStatusCode)422, refused.Status);
        Assert.Equal(["YouthInSection110"], refused.DetailCodes());
        Assert.Contains("skriftlig begrundelse", refused.Body);

        var tooShort = await _make.AllocateAsync(person, facility, justification: "fordi");
        Assert.Equal(["YouthInSection110"], tooShort.DetailCodes());

        var admitted = await _make.AllocateAsync(person, facility, justification: Justification);
        Assert.Equal(HttpStatusCode.Created, admitted.Status);
        Assert.Equal(Justification, admitted.Json.GetProperty("ExceptionJustification").GetString());
        Assert.Equal("SelfReferral", admitted.Json.GetProperty("ReferralRoute").GetString());
    }

    [Fact]
    public async Task Allocate_26YearOldToSection110_IsAdmittedWithoutJustification()
    {
        var (facility, _) = await ShelterAsync();
        var person = await _make.PersonAsync(Today.PlusYears(-26));
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(person, facility)).Status);
    }

    [Theory]
    [InlineData(18, 0, true)]   // the 18th birthday
    [InlineData(26, -1, true)]  // the day before the 26th birthday: still 25
    [InlineData(26, 0, false)]  // the 26th birthday
    public async Task YouthRule_AtTheBirthdayEdges(int years, int daysFromBirthday, bool refused)
    {
        var (facility, _) = await ShelterAsync();
        var start = Today;
        var person = await _make.PersonAsync(start.PlusYears(-years).PlusDays(-daysFromBirthday));
        var reply = await _make.AllocateAsync(person, facility, start: start, end: start.PlusDays(1));
        Assert.Equal(refused ? (HttpStatusCode)422 : HttpStatusCode.Created, reply.Status);
    }

    [Fact]
    public async Task YouthRule_TheDayBefore18_IsAChild_RefusedByLawNotByThePolicy()
    {
        var (facility, _) = await ShelterAsync();
        var person = await _make.PersonAsync(Today.PlusYears(-18).PlusDays(1));
        Assert.Equal(["MinorAtAdultPlace"], (await _make.AllocateAsync(person, facility, start: Today, end: Today.PlusDays(1)))
            .DetailCodes());
    }

    [Fact]
    public async Task YouthRule_29FebruaryBirthday_Turns26On1March()
    {
        var person = await _make.PersonAsync(new LocalDate(2000, 2, 29));
        var (facility, _) = await ShelterAsync();
        var onThe28th = await _make.AllocateAsync(person, facility, start: new LocalDate(2026, 2, 28), end: new LocalDate(2026, 3, 1));
        Assert.Equal(["YouthInSection110"], onThe28th.DetailCodes());
        var onThe1st = await _make.AllocateAsync(person, facility, start: new LocalDate(2026, 3, 1), end: new LocalDate(2026, 3, 2));
        Assert.Equal(HttpStatusCode.Created, onThe1st.Status);
    }

    [Fact]
    public async Task Nights_ACheckInAt0030_BelongsToTheNightThatBeganTheEveningBefore_OneAt0630ToTheNewDay()
    {
        var (facility, _) = await ShelterAsync();
        var person = await _make.PersonAsync(new LocalDate(2000, 11, 23)); // 26 on 23 November 2026
        var before = api.Clock.GetCurrentInstant();
        try
        {
            // 00:30 on the 23rd in Copenhagen: still the night between 22 and 23 November, when the person was 25.
            api.Clock.Reset(Instant.FromUtc(2026, 11, 22, 23, 30));
            Assert.Equal(["YouthInSection110"], (await _make.AllocateAsync(person, facility)).DetailCodes());
            var atNight = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
                $$"""{"facilityId":{{facility}},"alias":"Nat {{Guid.NewGuid():N}}","gender":"Male","estimatedAge":40,""" +
                    """ "endDate":"2026-11-23"}""");
            Assert.Equal("2026-11-22", atNight.Json.GetProperty("StartDate").GetString());
            // 06:30: the night is over; a stay from now begins on the 23rd, when the person is 26.
            api.Clock.Reset(Instant.FromUtc(2026, 11, 23, 5, 30));
            var admitted = await _make.AllocateAsync(person, facility);
            Assert.Equal(HttpStatusCode.Created, admitted.Status);
            Assert.Equal("2026-11-23", admitted.Json.GetProperty("StartDate").GetString());
        }
        finally
        {
            api.Clock.Reset(before);
        }
    }

    [Fact]
    public async Task Allocate_TheLastBed_SecondIsRefusedWithFacilityFull()
    {
        var (facility, unit) = await ShelterAsync();
        var first = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-40)), facility);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var byFacility = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-41)), facility);
        Assert.Equal(HttpStatusCode.Conflict, byFacility.Status);
        Assert.Equal(["FacilityFull"], byFacility.DetailCodes());
        var byUnit = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-42)), unitId: unit);
        Assert.Equal(["UnitDoubleBooked"], byUnit.DetailCodes());
    }

    [Fact]
    public async Task Allocate_StayEndingTheDayAnotherStarts_IsAllowed()
    {
        var (_, unit) = await ShelterAsync();
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-40)), unitId: unit,
            start: Today.PlusDays(-5), end: Today)).Status);
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-41)), unitId: unit,
            start: Today)).Status);
        var overlapping = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-42)), unitId: unit, start: Today.PlusDays(-2),
            end: Today.PlusDays(-1));
        Assert.Equal(["UnitDoubleBooked"], overlapping.DetailCodes());
    }

    [Fact]
    public async Task Discharge_FreesTheBedTheSameNight()
    {
        var (facility, _) = await ShelterAsync();
        var first = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-50)), facility, start: Today.PlusDays(-3));
        var id = first.Json.GetProperty("Id").GetInt32();
        var next = await _make.PersonAsync(Today.PlusYears(-51));
        Assert.Equal(HttpStatusCode.Conflict, (await _make.AllocateAsync(next, facility)).Status);
        var discharged = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({id})/HousingCapacity.Discharge",
            $$"""{"endDate":"{{Today:yyyy-MM-dd}}","dischargeReason":"Planned","destination":"SkaevBolig"}""");
        Assert.Equal(HttpStatusCode.OK, discharged.Status);
        Assert.Equal("SkaevBolig", discharged.Json.GetProperty("Destination").GetString());
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(next, facility)).Status);
        var twice = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({id})/HousingCapacity.Discharge",
            $$"""{"endDate":"{{Today:yyyy-MM-dd}}","dischargeReason":"Planned","destination":"SkaevBolig"}""");
        Assert.Equal((HttpStatusCode)422, twice.Status);
        Assert.Equal("AlreadyDischarged", twice.ErrorCode);
    }

    [Fact]
    public async Task Discharge_WithBadParameters_Is400Or422AndChangesNothing()
    {
        var (facility, _) = await ShelterAsync();
        var id = (await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-50)), facility,
            start: Today.PlusDays(-3))).Json.GetProperty("Id").GetInt32();
        foreach (var (body, status) in new[]
                 {
                     ("""{"endDate":"2026-11-22"}""", 400),
                     ("""{"endDate":"2026-02-30","dischargeReason":"Planned","destination":"OwnHome"}""", 400),
                     ("""{"endDate":"2026-11-22","dischargeReason":"Vanished","destination":"OwnHome"}""", 400),
                     ("""{"endDate":"2026-11-22","dischargeReason":"Planned","destination":"OwnHome","extra":1}""", 400),
                     ("""{"endDate":"2026-11-19","dischargeReason":"Planned","destination":"OwnHome"}""", 422),
                     ("""not json""", 400),
                 })
        {
            var reply = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({id})/HousingCapacity.Discharge", body);
            Assert.Equal(status, (int)reply.Status);
        }
        await using var db = api.NewDb();
        Assert.Null((await db.Placements.SingleAsync(p => p.Id == id)).EndDate);
    }

    [Fact]
    public async Task Allocate_UnitOutOfService_Is409UnitOutOfService()
    {
        var facility = await _make.FacilityAsync("AkutBolig");
        var unit = await _make.UnitAsync(facility, status: "OutOfService");
        var reply = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-40)), unitId: unit);
        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal(["UnitOutOfService"], reply.DetailCodes());
    }

    [Fact]
    public async Task Allocate_ManToWomenOnlyShelterAt19_ListsEveryBrokenRule()
    {
        var (facility, _) = await ShelterAsync(gender: "WomenOnly");
        var reply = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-19), male: true), facility);
        Assert.True(reply.Status == (HttpStatusCode)422, reply.Status + " " + reply.Body);
        Assert.Equal(["YouthInSection110", "GenderRestricted"], reply.DetailCodes());
        var woman = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-45), male: false), facility);
        Assert.Equal(HttpStatusCode.Created, woman.Status);
    }

    [Fact]
    public async Task Allocate_30YearOldToYouthHousing_IsAgeRestricted()
    {
        var facility = await _make.FacilityAsync("YouthHousing", minAge: 18, maxAge: 24);
        await _make.UnitAsync(facility);
        var reply = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-30)), facility);
        Assert.Equal(["AgeRestricted"], reply.DetailCodes());
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-20)), facility)).Status);
    }

    [Fact]
    public async Task Allocate_HousingFirstWithoutSupport_IsRefused_WithCtiEndsAfterNineMonths()
    {
        var (facility, _) = await ShelterAsync(kind: "HousingFirst");
        var person = await _make.PersonAsync(Today.PlusYears(-35));
        Assert.Equal(["SupportMethodRequired"], (await _make.AllocateAsync(person, facility)).DetailCodes());
        var placed = await _make.AllocateAsync(person, facility, supportMethod: "CTI");
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        Assert.Equal(Today.PlusMonths(9).ToString("yyyy-MM-dd", null), placed.Json.GetProperty("SupportUntil").GetString());
        Assert.Equal(JsonValueKindNull, placed.Json.GetProperty("NotificationDueDate").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Allocate_PersonAlreadyPlaced_Is409()
    {
        var (facility, _) = await ShelterAsync(beds: 2);
        var person = await _make.PersonAsync(Today.PlusYears(-60));
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(person, facility)).Status);
        var again = await _make.AllocateAsync(person, facility);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(["PersonAlreadyPlaced"], again.DetailCodes());
    }

    [Fact]
    public async Task Notification_IsDueThreeWeekdaysAfterAdmission_AndCanBeMarkedDone()
    {
        var (facility, _) = await ShelterAsync();
        var friday = new LocalDate(2026, 11, 20);
        var placed = await _make.AllocateAsync(await _make.PersonAsync(Today.PlusYears(-44)), facility, start: friday);
        Assert.Equal("2026-11-25", placed.Json.GetProperty("NotificationDueDate").GetString()); // Fri + 3 weekdays = Wed
        var id = placed.Json.GetProperty("Id").GetInt32();
        var overdue = await api.OData.GetAsync($"/odata/Placements?$filter=Id eq {id} and NotifiedOn eq null and NotificationDueDate lt " +
            "2026-11-26");
        Assert.Equal(1, overdue.Value.GetArrayLength());
        var marked = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({id})/HousingCapacity.MarkNotified", "");
        Assert.Equal(Today.ToString("yyyy-MM-dd", null), marked.Json.GetProperty("NotifiedOn").GetString());
    }

    [Fact]
    public async Task Allocate_BadBodies_Are4xxAndPlaceNobody()
    {
        await using var db = api.NewDb();
        var before = await db.Placements.CountAsync();
        foreach (var body in new[]
                 {
                     """{"PersonId":1}""", """{"PersonId":999999,"FacilityId":1}""", """{"PersonId":1,"FacilityId":999999}""",
                     """{"PersonId":1,"UnitId":1,"FacilityId":2}""", """{"PersonId":1,"FacilityId":1,"StartDate":"2026-13-01"}""",
                     """{"PersonId":1,"FacilityId":1,"StartDate":"2026-11-22","EndDate":"2026-11-22"}""",
                     """{"PersonId":1,"FacilityId":1,"DischargeReason":"Planned"}""", """{"PersonId":"x","FacilityId":1}""",
                 })
        {
            var reply = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Placements", body);
            Assert.InRange((int)reply.Status, 400, 499);
        }
        Assert.Equal(before, await db.Placements.CountAsync());
    }
}

public class InactiveFacilityTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Allocate_ToAClosedFacility_IsFacilityInactive()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("AkutBolig");
        await make.UnitAsync(facility);
        await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({facility})", """{"IsActive":false}""");
        var reply = await make.AllocateAsync(await make.PersonAsync(ApiFixture.Today.PlusYears(-40)), facility);
        Assert.Equal((HttpStatusCode)422, reply.Status);
        Assert.Equal(["FacilityInactive"], reply.DetailCodes());
    }
}
