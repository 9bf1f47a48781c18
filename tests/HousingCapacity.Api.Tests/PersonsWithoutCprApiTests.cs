using System.Text.Json;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>People without a CPR number (foreign nationals, people who stay anonymously): check-in at the door, the age rules,
/// a CPR number added later, and two records merged with their whole history.</summary>
public class PersonsWithoutCprApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Builders _make = new(api);
    private static LocalDate Today => ApiFixture.Today;
    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    private async Task<(int Facility, ODataTestClient Staff)> ShelterAsync(int beds = 3)
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        await _make.UnitAsync(shelter, beds);
        return (shelter, api.Staff(shelter));
    }

    private async Task<Reporting.Section110Figures> NovemberAsync()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<Reporting.MonthlyReportBuilder>()
            .BuildAsync(175, new YearMonth(2026, 11), default))!.Section110;
    }

    private static Task<ODataTestClient.Reply> CheckIn(ODataTestClient staff, string body) =>
        staff.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn", body);

    [Fact]
    public async Task AnonymousPerson_CheckInStayDischargeAndReport()
    {
        var (shelter, staff) = await ShelterAsync();
        var before = await NovemberAsync();
        var stay = await CheckIn(staff,
            $$"""{"facilityId":{{shelter}},"alias":"Tomasz","gender":"Male","birthYear":1979,"priorResidence":"Street",""" +
            $$""" "startDate":"{{Iso(Today.PlusDays(-3))}}"}""");
        Assert.Equal(HttpStatusCode.Created, stay.Status);
        var person = stay.Json.GetProperty("PersonId").GetInt32();
        Assert.Equal("Street", stay.Json.GetProperty("PriorResidence").GetString());
        Assert.Equal(JsonValueKind.Null, stay.Json.GetProperty("ResponsibleMunicipalityId").ValueKind); // unknown handlekommune
        var record = (await staff.GetAsync($"/odata/Persons({person})?$select=Alias,AgeBasis,Cpr,BirthDate")).Json;
        Assert.Equal("Tomasz", record.GetProperty("Alias").GetString());
        Assert.Equal("BirthYear", record.GetProperty("AgeBasis").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("Cpr").ValueKind);
        var id = stay.Json.GetProperty("Id").GetInt32();
        var discharged = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({id})/HousingCapacity.Discharge",
            $$"""{"endDate":"{{Iso(Today)}}","dischargeReason":"SelfDischarged","destination":"Unknown"}""");
        Assert.Equal(HttpStatusCode.OK, discharged.Status);
        // In every figure: the month's report counts the stay, and the quarter's DST file has it without a CPR number.
        Assert.Equal(before.AdmissionsWithoutCpr.Value + 1, (await NovemberAsync()).AdmissionsWithoutCpr.Value);
        Assert.Equal(before.Discharges.Value + 1, (await NovemberAsync()).Discharges.Value);
        var report = await api.As(Role.Committee, 175).GetAsync($"/reports/monthly/175/{Today:yyyy-MM}.json");
        Assert.Equal(HttpStatusCode.OK, report.Status);
        // Danmarks Statistik gets the gender and birth year of someone without a CPR number, never the alias.
        var dst = await api.OData.GetAsync($"/reports/dst/boform/{shelter}/2026-Q4.csv");
        var row = Assert.Single(dst.Body.Split("\r\n").Skip(1).Select(l => l.Split(';')), c => c.Length > 7
            && c[7] == Iso(Today.PlusDays(-3)));
        Assert.Equal(("", "1", "1979", "Gaden"), (row[2], row[3], row[4], row[9]));
        Assert.DoesNotContain("Tomasz", dst.Body);
    }

    [Theory]
    [InlineData("""{"alias":"X","gender":"Male","birthYear":2030}""", "BirthYearInFuture")]
    [InlineData("""{"alias":"X","gender":"Male","estimatedAge":3}""", "ImplausibleAge")]
    [InlineData("""{"alias":"X","gender":"Male"}""", "BirthYearOrEstimatedAge")]
    [InlineData("""{"gender":"Male","birthYear":1980}""", "MissingParameter")]
    [InlineData("""{"alias":"X","birthYear":1980}""", "MissingParameter")]
    public async Task CheckInWithoutCpr_BadInput_IsA400ThatSaysWhat_AndLeavesNothing(string fields, string code)
    {
        var (shelter, staff) = await ShelterAsync();
        await using var db = api.NewDb();
        var persons = await db.Persons.CountAsync();
        var body = fields.Insert(1, $"\"facilityId\":{shelter},");
        var reply = await CheckIn(staff, body);
        Assert.True(reply.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, reply.Body);
        Assert.Equal(code, reply.ErrorCode);
        Assert.Contains(" / ", reply.ErrorMessage); // Danish and English
        Assert.Equal(persons, await db.Persons.CountAsync());
    }

    [Fact]
    public async Task PersonsWithoutCpr_AreFoundWithCprEqNull_AndTheirAgeCanBeCorrected()
    {
        var (shelter, staff) = await ShelterAsync();
        var person = (await CheckIn(staff, $$"""{"facilityId":{{shelter}},"alias":"Rettes","gender":"Female","estimatedAge":50}""")).Json
            .GetProperty("PersonId").GetInt32();
        var found = await api.OData.GetAsync($"/odata/Persons?$filter=Cpr eq null and Id eq {person}&$select=Id");
        Assert.Single(found.Value.EnumerateArray());
        Assert.Empty((await api.OData.GetAsync($"/odata/Persons?$filter=Cpr ne null and Id eq {person}&$select=Id"))
            .Value.EnumerateArray());
        var corrected = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({person})/HousingCapacity.UpdateAge",
            """{"birthYear":1970}""");
        Assert.Equal(HttpStatusCode.OK, corrected.Status);
        Assert.Equal("BirthYear", corrected.Json.GetProperty("AgeBasis").GetString());
        Assert.Equal("1970-07-01", corrected.Json.GetProperty("BirthDate").GetString());
        var withCpr = await _make.PersonAsync(Today.PlusYears(-30));
        var refused = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({withCpr})/HousingCapacity.UpdateAge",
            """{"birthYear":1970}""");
        Assert.Equal("AgeFromCpr", refused.ErrorCode);
    }

    [Fact]
    public async Task RegisterWithoutCpr_ByAnOfficer_InTheirMunicipality_ByStaff_Unknown()
    {
        var (_, staff) = await ShelterAsync();
        var byOfficer = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Persons/HousingCapacity.RegisterWithoutCpr",
            """{"alias":"Ukendt mand","gender":"Male","estimatedAge":45}""");
        Assert.Equal(HttpStatusCode.Created, byOfficer.Status);
        Assert.Equal(1, byOfficer.Json.GetProperty("MunicipalityId").GetInt32());
        var byStaff = await staff.SendJsonAsync(HttpMethod.Post, "/odata/Persons/HousingCapacity.RegisterWithoutCpr",
            """{"alias":"Ukendt kvinde","gender":"Female","birthYear":1990}""");
        Assert.Equal(HttpStatusCode.Created, byStaff.Status);
        Assert.Equal(JsonValueKind.Null, byStaff.Json.GetProperty("MunicipalityId").ValueKind);
        var bad = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Persons/HousingCapacity.RegisterWithoutCpr",
            """{"alias":"X","gender":"Male","birthYear":1990,"estimatedAge":36}""");
        Assert.Equal("BirthYearOrEstimatedAge", bad.ErrorCode);
    }

    [Fact]
    public async Task CheckInWithoutCpr_EstimatedYoungAge_IsRefusedAndSaysTheAgeIsEstimated()
    {
        var (shelter, staff) = await ShelterAsync();
        var reply = await CheckIn(staff, $$"""{"facilityId":{{shelter}},"alias":"Ung","gender":"Female","estimatedAge":20}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal(["YouthInSection110"], reply.DetailCodes());
        Assert.Contains("anslået", reply.Body);
    }

    [Fact]
    public async Task AddCpr_Later_WithTheDuplicateCheck()
    {
        var (shelter, staff) = await ShelterAsync();
        var first = (await CheckIn(staff, $$"""{"facilityId":{{shelter}},"alias":"A","gender":"Male","estimatedAge":50}""")).Json
            .GetProperty("PersonId").GetInt32();
        var second = (await CheckIn(staff, $$"""{"facilityId":{{shelter}},"alias":"B","gender":"Male","estimatedAge":40}""")).Json
            .GetProperty("PersonId").GetInt32();
        var cpr = Builders.Cpr(new LocalDate(1976, 5, 17), male: true);
        var added = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({first})/HousingCapacity.AddCpr",
            $$"""{"cpr":"{{cpr}}"}""");
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal("CprNumber", added.Json.GetProperty("AgeBasis").GetString());
        Assert.Equal("1976-05-17", added.Json.GetProperty("BirthDate").GetString());
        Assert.DoesNotContain(cpr, added.Body);
        var duplicate = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({second})/HousingCapacity.AddCpr",
            $$"""{"cpr":"{{cpr}}"}""");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal("DuplicateCpr", duplicate.ErrorCode);
        Assert.DoesNotContain(cpr[..6], duplicate.Body);
        var again = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({first})/HousingCapacity.AddCpr",
            $$"""{"cpr":"{{Builders.Cpr(new LocalDate(1976, 5, 18), male: true)}}"}""");
        Assert.Equal("CprAlreadyKnown", again.ErrorCode);
        var found = await api.OData.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{cpr}')");
        Assert.Equal(first, found.Value[0].GetProperty("PersonId").GetInt32());
    }

    [Fact]
    public async Task MergeInto_KeepsEveryStayOfferAndAccessLogLine()
    {
        var (shelter, staff) = await ShelterAsync();
        var (known, cpr) = await _make.RegisterAsync(Today.PlusYears(-44));
        await _make.AllocateAsync(known, facilityId: shelter, start: Today.PlusDays(-60), end: Today.PlusDays(-50));
        var anonymous = await CheckIn(staff,
            $$"""{"facilityId":{{shelter}},"alias":"Samme person","gender":"Male","estimatedAge":44,""" +
            $$""" "startDate":"{{Iso(Today.PlusDays(-10))}}"}""");
        var duplicate = anonymous.Json.GetProperty("PersonId").GetInt32();
        var stayId = anonymous.Json.GetProperty("Id").GetInt32();
        // The anonymous record is also on a waitlist with an offer.
        var waitlist = (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Waitlists",
            """{"MunicipalityId":1,"Name":"Fletning","Kind":"SkaevBolig"}""")).Json.GetProperty("Id").GetInt32();
        var officerSees = await api.OData.GetAsync($"/odata/Persons({duplicate})");
        Assert.Equal(HttpStatusCode.OK, officerSees.Status);
        var entry = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/WaitlistEntries",
            $$"""{"WaitlistId":{{waitlist}},"PersonId":{{duplicate}},"AppliedOn":"{{Iso(Today.PlusDays(-5))}}"}""");
        Assert.Equal(HttpStatusCode.Created, entry.Status);
        var entryId = entry.Json.GetProperty("Id").GetInt32();
        var home = await _make.UnitAsync(await _make.FacilityAsync("SkaevBolig"));
        var offer = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Waitlists({waitlist})/HousingCapacity.OfferNext",
            $$"""{"unitId":{{home}}}""");
        Assert.Equal(HttpStatusCode.OK, offer.Status);
        var offerId = offer.Json.GetProperty("Id").GetInt32();
        await using var check = api.NewDb();
        var linesBefore = await check.AccessLogLines.CountAsync(e => e.PersonId == duplicate);
        Assert.True(linesBefore > 0);

        var self = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({duplicate})/HousingCapacity.MergeInto",
            $$"""{"personId":{{duplicate}}}""");
        Assert.Equal("MergeIntoSelf", self.ErrorCode);
        var wrongWay = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({known})/HousingCapacity.MergeInto",
            $$"""{"personId":{{duplicate}}}""");
        Assert.Equal("MergeIntoRecordWithCpr", wrongWay.ErrorCode);
        var merged = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({duplicate})/HousingCapacity.MergeInto",
            $$"""{"personId":{{known}}}""");
        Assert.Equal(HttpStatusCode.OK, merged.Status);
        Assert.Equal(known, merged.Json.GetProperty("MergedIntoId").GetInt32());

        var stays = (await api.OData.GetAsync($"/odata/Persons({known})/Placements?$select=Id")).Value.EnumerateArray().Select(p =>
            p.GetProperty("Id").GetInt32()).ToList();
        Assert.Equal(2, stays.Count);
        Assert.Contains(stayId, stays);
        Assert.Equal(known, (await api.OData.GetAsync($"/odata/WaitlistEntries({entryId})")).Json.GetProperty("PersonId").GetInt32());
        Assert.Equal(known, (await api.OData.GetAsync($"/odata/Offers({offerId})/Entry")).Json.GetProperty("PersonId").GetInt32());
        // The duplicate's access-log lines stay under its id and are part of the person's export.
        Assert.True(await check.AccessLogLines.CountAsync(e => e.PersonId == duplicate) >= linesBefore);
        var export = (await api.OData.GetAsync($"/odata/Persons({known})/HousingCapacity.AccessLog()")).Value.GetArrayLength();
        Assert.True(export >= linesBefore + await check.AccessLogLines.CountAsync(e => e.PersonId == known) - 1);
        // Checking in with the CPR number finds the one record, whose moved stay is still going on.
        var again = await staff.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
            $$"""{"cpr":"{{cpr}}","facilityId":{{shelter}},"startDate":"{{Iso(Today.PlusDays(5))}}"}""");
        Assert.Equal(["PersonAlreadyPlaced"], again.DetailCodes());
        // Out of everyone's sight now (no stays, no municipality): as missing.
        Assert.Equal("ReferenceNotFound", (await _make.AllocateAsync(duplicate, facilityId: shelter, start: Today.PlusDays(30))).ErrorCode);
    }

    [Fact]
    public async Task MergeInto_NewCprNumber_TheOldRecordPointsToTheNew_AndTakesNothingNew()
    {
        var (shelter, _) = await ShelterAsync();
        var (old, oldCpr) = await _make.RegisterAsync(Today.PlusYears(-33));
        var (current, _) = await _make.RegisterAsync(Today.PlusYears(-33));
        await _make.AllocateAsync(old, facilityId: shelter, start: Today.PlusDays(-40), end: Today.PlusDays(-30));
        var merged = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({old})/HousingCapacity.MergeInto",
            $$"""{"personId":{{current}}}""");
        Assert.Equal(HttpStatusCode.OK, merged.Status);
        var found = await api.OData.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{oldCpr}')");
        Assert.Equal(current, found.Value[0].GetProperty("MergedIntoId").GetInt32());
        Assert.Equal("PersonMerged", (await _make.AllocateAsync(old, facilityId: shelter, start: Today.PlusDays(30))).ErrorCode);
        var again = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({old})/HousingCapacity.MergeInto",
            $$"""{"personId":{{current}}}""");
        Assert.Equal("AlreadyMerged", again.ErrorCode);
        Assert.Single((await api.OData.GetAsync($"/odata/Persons({current})/Placements?$select=Id")).Value.EnumerateArray());
    }

    [Fact]
    public async Task MergeInto_OverlappingStays_IsRefused_AndNothingMoves()
    {
        var (shelter, staff) = await ShelterAsync();
        var (known, _) = await _make.RegisterAsync(Today.PlusYears(-60));
        await _make.AllocateAsync(known, facilityId: shelter, start: Today.PlusDays(-5));
        var duplicate = (await CheckIn(staff,
            $$"""{"facilityId":{{shelter}},"alias":"Dobbelt","gender":"Male","estimatedAge":60,""" +
            $$""" "startDate":"{{Iso(Today.PlusDays(-3))}}"}""")).Json.GetProperty("PersonId").GetInt32();
        var refused = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Persons({duplicate})/HousingCapacity.MergeInto",
            $$"""{"personId":{{known}}}""");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        await using var db = api.NewDb();
        Assert.Equal(1, await db.Placements.CountAsync(p => p.PersonId == duplicate));
        Assert.Null((await db.Persons.SingleAsync(p => p.Id == duplicate)).MergedIntoId);
    }
}
