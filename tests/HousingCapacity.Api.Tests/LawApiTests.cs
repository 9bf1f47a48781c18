using System.Text.Json;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>Issue 12 through the API, as a client would see it: legal basis, counting year, handlekommune, youth exceptions.</summary>
public class LawApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Builders _make = new(api);
    private static LocalDate Today => ApiFixture.Today;
    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    [Fact]
    public async Task NightCafeUnderSection104_HasNoYouthRuleNoNoticeAndNoCountingYear()
    {
        var cafe = await _make.FacilityAsync("EmergencyBeds", legalBasis: "Section104");
        var unit = await _make.UnitAsync(cafe, beds: 2);
        var young = await _make.PersonAsync(Today.PlusYears(-20));
        var stay = await _make.AllocateAsync(young, unitId: unit, start: Today.PlusDays(-100));
        Assert.Equal(HttpStatusCode.Created, stay.Status);
        Assert.Equal("Section104", stay.Json.GetProperty("LegalBasis").GetString());
        Assert.Equal(JsonValueKind.Null, stay.Json.GetProperty("NotificationDueDate").ValueKind);
        Assert.Equal(JsonValueKind.Null, stay.Json.GetProperty("ExceptionDecidedBy").ValueKind);
        var year = await api.OData.GetAsync($"/odata/Persons({young})/HousingCapacity.CountingYear(date={Iso(Today)})");
        Assert.Equal("None", year.Json.GetProperty("Status").GetString());
        var longStays = await api.OData.GetAsync($"/odata/Placements/HousingCapacity.LongStays(date={Iso(Today)},warnings=true)?$filter=P" +
            $"ersonId eq {young}");
        Assert.Empty(longStays.Value.EnumerateArray());
    }

    [Fact]
    public async Task AkutpladserUnderSection110_YouthRuleAndNotice_ExceptionRecordsWhoAndIsListedForTheHandlekommune()
    {
        var akut = await _make.FacilityAsync("EmergencyBeds"); // akutpladser on a forsorgshjem: §110 by default
        var unit = await _make.UnitAsync(akut, beds: 2);
        var young = await _make.PersonAsync(Today.PlusYears(-20));
        var refused = await _make.AllocateAsync(young, unitId: unit);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(["YouthInSection110"], refused.DetailCodes());
        var admitted = await _make.AllocateAsync(young, unitId: unit,
            justification: "Ingen ungeplads ledig i nat; aftalt med ungeteamet at finde en plads inden for en uge.");
        Assert.Equal(HttpStatusCode.Created, admitted.Status);
        Assert.Equal("test-HousingOfficer-175-", admitted.Json.GetProperty("ExceptionDecidedBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, admitted.Json.GetProperty("NotificationDueDate").ValueKind);
        var id = admitted.Json.GetProperty("Id").GetInt32();
        var query = $"/odata/Placements/HousingCapacity.OpenYouthExceptions()?$filter=Id eq {id}&$select=Id,ExceptionDecidedBy";
        Assert.Single((await api.OData.GetAsync(query)).Value.EnumerateArray());
        Assert.Empty((await api.As(Security.Role.HousingOfficer, 167).GetAsync(query)).Value.EnumerateArray());
    }

    [Fact]
    public async Task Handlekommune_DefaultsToThePersons_OfficerChangesItWithAReason_AndTheScopeFollows()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        var unit = await _make.UnitAsync(shelter, beds: 2);
        var person = await _make.PersonAsync(Today.PlusYears(-40));
        var stay = await _make.AllocateAsync(person, unitId: unit);
        var id = stay.Json.GetProperty("Id").GetInt32();
        Assert.Equal(1, stay.Json.GetProperty("ResponsibleMunicipalityId").GetInt32());
        var hvidovre = api.As(Security.Role.HousingOfficer, 167);
        Assert.Equal(HttpStatusCode.NotFound, (await hvidovre.GetAsync($"/odata/Placements({id})")).Status);

        var url = $"/odata/Placements({id})/HousingCapacity.ChangeResponsibleMunicipality";
        var noReason = await api.OData.SendJsonAsync(HttpMethod.Post, url, """{"municipalityCode":167}""");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        var unknownCode = await api.OData.SendJsonAsync(HttpMethod.Post, url, """{"municipalityCode":999,"reason":"Flyttet"}""");
        Assert.Equal("UnknownMunicipality", unknownCode.ErrorCode);
        var changed = await api.OData.SendJsonAsync(HttpMethod.Post, url,
            """{"municipalityCode":167,"reason":"Borgeren har sin bopæl i Hvidovre (retssikkerhedslovens § 9)."}""");
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("Borgeren har sin bopæl i Hvidovre (retssikkerhedslovens § 9).",
            changed.Json.GetProperty("ResponsibleMunicipalityReason").GetString());
        // Hvidovre's officers now see the stay (and the notice due to them).
        var seen = await hvidovre.GetAsync($"/odata/Placements?$filter=Id eq {id} and NotifiedOn eq null and NotificationDueDate ne " +
            "null&$select=Id");
        Assert.Single(seen.Value.EnumerateArray());
        var unknown = await hvidovre.SendJsonAsync(HttpMethod.Post, url,
            """{"municipalityCode":null,"reason":"Handlekommunen er uafklaret."}""");
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal(JsonValueKind.Null, unknown.Json.GetProperty("ResponsibleMunicipalityId").ValueKind);
    }

    [Fact]
    public async Task CountingYear_ThroughTheApi_AnchoredOnTheFirstNight_WithWarningsAndReset()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        var unit = await _make.UnitAsync(shelter, beds: 3);
        var person = await _make.PersonAsync(Today.PlusYears(-45));
        // 62 nights from 300 days ago, then 14 ongoing: 76 nights in the year that began 300 days ago.
        await _make.AllocateAsync(person, unitId: unit, start: Today.PlusDays(-300), end: Today.PlusDays(-238));
        await _make.AllocateAsync(person, unitId: unit, start: Today.PlusDays(-13));
        var year = (await api.OData.GetAsync($"/odata/Persons({person})/HousingCapacity.CountingYear(date={Iso(Today)})")).Json;
        Assert.Equal("Warning", year.GetProperty("Status").GetString());
        Assert.Equal(Iso(Today.PlusDays(-300)), year.GetProperty("YearStart").GetString());
        Assert.Equal(Iso(Today.PlusDays(-300).PlusYears(1)), year.GetProperty("ResetsOn").GetString());
        Assert.Equal(76, year.GetProperty("Section110Nights").GetInt32());
        Assert.Equal(90, year.GetProperty("Threshold").GetInt32());
        Assert.Equal(14, year.GetProperty("NightsLeft").GetInt32());
        Assert.Equal(75, year.GetProperty("WarningLevel").GetInt32());
        var listed = Assert.Single((await api.OData.GetAsync(
            $"/odata/Placements/HousingCapacity.LongStays(date={Iso(Today)},warnings=true)?$filter=PersonId eq {person}"))
                .Value.EnumerateArray());
        Assert.Equal("Warning", listed.GetProperty("Status").GetString());
        Assert.Empty((await api.OData.GetAsync(
            $"/odata/Placements/HousingCapacity.LongStays(date={Iso(Today)})?$filter=PersonId eq {person}")).Value.EnumerateArray());
        // On the night the year resets the count begins again, with that night.
        var reset = Today.PlusDays(-300).PlusYears(1);
        var next = (await api.OData.GetAsync($"/odata/Persons({person})/HousingCapacity.CountingYear(date={Iso(reset)})")).Json;
        Assert.Equal(Iso(reset), next.GetProperty("YearStart").GetString());
        Assert.Equal(1, next.GetProperty("Section110Nights").GetInt32());
        Assert.Equal(1, next.GetProperty("EarlierYears").GetInt32());
    }

    [Fact]
    public async Task LongStays_YearStartFollowsTheWholeChainOfYears_NotTheLast365Days()
    {
        var shelter = await _make.UnitAsync(await _make.FacilityAsync("Section110Shelter"), beds: 2);
        var person = await _make.PersonAsync(Today.PlusYears(-41));
        // Year A from 2024-12-01 to 2025-12-01 holds the November 2025 nights too; year B begins 2026-01-10.
        await _make.AllocateAsync(person, unitId: shelter, start: new LocalDate(2024, 12, 1), end: new LocalDate(2024, 12, 11));
        await _make.AllocateAsync(person, unitId: shelter, start: new LocalDate(2025, 11, 20), end: new LocalDate(2025, 11, 25));
        await _make.AllocateAsync(person, unitId: shelter, start: new LocalDate(2026, 1, 10));
        var row = Assert.Single((await api.OData.GetAsync(
            $"/odata/Placements/HousingCapacity.LongStays(date={Iso(Today)})?$filter=PersonId eq {person}")).Value.EnumerateArray());
        Assert.Equal("2026-01-10", row.GetProperty("WindowStart").GetString());
        Assert.Equal(Period.Between(new LocalDate(2026, 1, 10), Today, PeriodUnits.Days).Days + 1, row.GetProperty("Section110Nights")
            .GetInt32());
        Assert.Equal("2026-04-10", row.GetProperty("ThresholdPassedOn").GetString()); // the 91st night, under the 90 in force
    }

    [Fact]
    public async Task CountingYear_StaysInTwoMunicipalities_CountTogether()
    {
        var rodovre = await _make.UnitAsync(await _make.FacilityAsync("Section110Shelter"), beds: 2);
        var inHvidovre = new Builders(api.OData, api.As(Security.Role.Administrator, 167));
        var hvidovre = await inHvidovre.UnitAsync(await inHvidovre.FacilityAsync("Section110Shelter", municipalityId: 2), beds: 2);
        var person = await _make.PersonAsync(Today.PlusYears(-38));
        await _make.AllocateAsync(person, unitId: rodovre, start: Today.PlusDays(-100), end: Today.PlusDays(-50));
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(person, unitId: hvidovre, start: Today.PlusDays(-45))).Status);
        var year = (await api.OData.GetAsync($"/odata/Persons({person})/HousingCapacity.CountingYear(date={Iso(Today)})")).Json;
        Assert.Equal(50 + 46, year.GetProperty("Section110Nights").GetInt32());
        Assert.Equal("PastThreshold", year.GetProperty("Status").GetString());
        Assert.Equal(6, year.GetProperty("NightsPastThreshold").GetInt32());
    }

    [Fact]
    public async Task Facility_LegalBasis_IsValidated_AndKeptByAPutWithoutIt()
    {
        var bad = await api.Admin.SendJsonAsync(HttpMethod.Post, "/odata/Facilities",
            """{"MunicipalityId":1,"Name":"X","Kind":"EmergencyBeds","Address":"Vej 1","LegalBasis":"Section999"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var cafe = await _make.FacilityAsync("EmergencyBeds", legalBasis: "Section104");
        var put = await api.Admin.SendJsonAsync(HttpMethod.Put, $"/odata/Facilities({cafe})",
            $$"""{"Id":{{cafe}},"MunicipalityId":1,"Name":"Natcaféen","Kind":"EmergencyBeds","Address":"Vej 2",""" +
                """ "GenderRestriction":"None","IsActive":true}""");
        Assert.Equal(HttpStatusCode.NoContent, put.Status);
        Assert.Equal("Section104", (await api.Admin.GetAsync($"/odata/Facilities({cafe})")).Json.GetProperty("LegalBasis").GetString());
    }

    [Fact]
    public async Task Discharge_FollowUpSupport_IsRecordedWithItsDate_AndValidated()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        var unit = await _make.UnitAsync(shelter);
        var person = await _make.PersonAsync(Today.PlusYears(-50));
        var id = (await _make.AllocateAsync(person, unitId: unit, start: Today.PlusDays(-20))).Json.GetProperty("Id").GetInt32();
        var url = $"/odata/Placements({id})/HousingCapacity.Discharge";
        var noDate = await api.OData.SendJsonAsync(HttpMethod.Post, url,
            $$"""{"endDate":"{{Iso(Today)}}","dischargeReason":"Planned","destination":"OwnHome","followUpSupport":"HousingSupport85a"}""");
        Assert.Equal("FollowUpDateRequired", noDate.ErrorCode);
        var done = await api.OData.SendJsonAsync(HttpMethod.Post, url,
            $$"""{"endDate":"{{Iso(Today)}}","dischargeReason":"Expelled","destination":"Street","followUpSupport":"HousingSupport85a",""" +
                $$""" "followUpDecidedOn":"{{Iso(Today.PlusDays(-2))}}"}""");
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal("Expelled", done.Json.GetProperty("DischargeReason").GetString());
        Assert.True(done.Json.GetProperty("FollowUpDecidedBeforeDischarge").GetBoolean());
    }

    [Fact]
    public async Task Cti_ExtendNeedsAReason_AndMovingToIcmIsANewSupportPeriod()
    {
        var hf = await _make.FacilityAsync("HousingFirst");
        var unit = await _make.UnitAsync(hf);
        var person = await _make.PersonAsync(Today.PlusYears(-35));
        var stay = await _make.AllocateAsync(person, unitId: unit, start: Today.PlusMonths(-9), supportMethod: "CTI");
        var id = stay.Json.GetProperty("Id").GetInt32();
        var until = Iso(Today.PlusMonths(2));
        var noReason = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({id})/HousingCapacity.ExtendSupport",
            $$"""{"until":"{{until}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        var extended = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({id})/HousingCapacity.ExtendSupport",
            $$"""{"until":"{{until}}","reason":"Tredje fase forlænges: borgeren flytter om en måned."}""");
        Assert.Equal(until, extended.Json.GetProperty("SupportUntil").GetString());
        var moved = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({id})/HousingCapacity.ChangeSupportMethod",
            """{"method":"ICM","reason":"Behov for længerevarende intensiv støtte (Socialstyrelsen: ICM eller ACT)."}""");
        Assert.Equal("ICM", moved.Json.GetProperty("SupportMethod").GetString());
        var periods = (await api.OData.GetAsync($"/odata/Placements({id})/SupportPeriods?$orderby=Id")).Value.EnumerateArray().ToList();
        Assert.Equal(["CTI", "CTI", "ICM"], periods.Select(p => p.GetProperty("Method").GetString()));
        Assert.Equal(JsonValueKind.Null, periods[2].GetProperty("EndDate").ValueKind);
        var direct = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/SupportPeriods", """{"Method":"ACT"}""");
        Assert.Equal(HttpStatusCode.Forbidden, direct.Status);
    }
}
