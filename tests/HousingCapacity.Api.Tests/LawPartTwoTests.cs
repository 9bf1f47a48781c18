using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>Issue 24 through the API: the law's second review, each rule at its edges.</summary>
public class LawPartTwoTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Builders _make = new(api);
    private static LocalDate Today => ApiFixture.Today;

    private const string Justification = "Ingen ungeplads ledig i nat; aftalt med ungeteamet at finde en plads inden for en uge.";

    [Fact]
    public async Task MinorAtAdultPlace_SeventeenYearOld_IsRefusedEvenWithAJustification_AndToldWhomToContact()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        var unit = await _make.UnitAsync(shelter, beds: 2);
        var turnsEighteenTomorrow = await _make.PersonAsync(Today.PlusYears(-18).PlusDays(1));
        var refused = await _make.AllocateAsync(turnsEighteenTomorrow, unitId: unit, justification: Justification);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("MinorAtAdultPlace", refused.DetailCodes());
        Assert.DoesNotContain("YouthInSection110", refused.DetailCodes());
        var detail = refused.Json.GetProperty("error").GetProperty("details")[0].GetProperty("message").GetString()!;
        Assert.Contains("børne- og ungeområde", detail);
        Assert.Contains("døgnvagt", detail);
        Assert.Contains("barnets lov", detail);
    }

    [Fact]
    public async Task MinorAtAdultPlace_TurningEighteenTonight_IsAnAdult_AndTheYouthPolicyApplies()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        var unit = await _make.UnitAsync(shelter, beds: 2);
        var eighteenToday = await _make.PersonAsync(Today.PlusYears(-18));
        Assert.Equal(["YouthInSection110"], (await _make.AllocateAsync(eighteenToday, unitId: unit)).DetailCodes());
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(eighteenToday, unitId: unit, justification: Justification)).Status);
    }

    [Theory]
    [InlineData("Section104")]
    [InlineData("Section107")]
    [InlineData("Startbolig101a")]
    public async Task MinorAtAdultPlace_EveryAdultLegalBasis_RefusesASeventeenYearOld(string legalBasis)
    {
        var place = await _make.FacilityAsync(legalBasis == "Startbolig101a" ? "YouthHousing" : "EmergencyBeds", legalBasis: legalBasis);
        var unit = await _make.UnitAsync(place);
        var minor = await _make.PersonAsync(Today.PlusYears(-17));
        Assert.Contains("MinorAtAdultPlace", (await _make.AllocateAsync(minor, unitId: unit)).DetailCodes());
    }

    [Fact]
    public async Task MinorAtAdultPlace_AnUngdomsboligHasNoStatutoryAge_ASeventeenYearOldStudentMayLiveThere()
    {
        var ungdomsbolig = await _make.FacilityAsync("YouthHousing", legalBasis: "Ungdomsbolig");
        var unit = await _make.UnitAsync(ungdomsbolig);
        var student = await _make.PersonAsync(Today.PlusYears(-17));
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(student, unitId: unit)).Status);
    }

    [Fact]
    public async Task MinorAtAdultPlace_AnEstimatedAgeOfSeventeen_IsRefusedAtTheDoor_AndNoPersonIsLeftBehind()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        await _make.UnitAsync(shelter, beds: 2);
        var alias = $"Ung {Guid.NewGuid():N}"[..20];
        var refused = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
            JsonSerializer.Serialize(new { facilityId = shelter, alias, gender = "Male", estimatedAge = 17,
                exceptionJustification = Justification }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("MinorAtAdultPlace", refused.DetailCodes());
        Assert.Contains("anslået", refused.Json.GetProperty("error").GetProperty("details")[0].GetProperty("message").GetString());
        await using var db = api.NewDb();
        Assert.False(await db.Persons.AnyAsync(p => p.Alias == alias));
    }

    [Fact]
    public async Task MinorAtAdultPlace_StaysRecordedBeforeTheRule_AreListedForOfficers_NotDeleted()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        var unit = await _make.UnitAsync(shelter, beds: 2);
        var person = await _make.PersonAsync(Today.PlusYears(-18).PlusMonths(-2));
        // A stay from before the rule: 17 years and 10 months old on the first night, written past the API as old data was.
        int stayId;
        await using (var db = api.NewDb())
        {
            var old = new Placement(person, unit, shelter, LegalBasis.Section110, new DateRange(Today.PlusMonths(-3), Today.PlusMonths(-3)
                .PlusDays(4)),
                SupportMethod.None, null, ReferralRoute.SelfReferral, null);
            db.Add(old);
            await db.SaveChangesAsync();
            stayId = old.Id;
        }
        var listed = await api.OData.GetAsync("/odata/Placements/HousingCapacity.MinorsAtAdultPlaces()?$select=Id,PersonId");
        Assert.Contains(listed.Value.EnumerateArray(), p => p.GetProperty("Id").GetInt32() == stayId);
        var other = await api.As(Security.Role.HousingOfficer, 167)
            .GetAsync("/odata/Placements/HousingCapacity.MinorsAtAdultPlaces()?$select=Id");
        Assert.DoesNotContain(other.Value.EnumerateArray(), p => p.GetProperty("Id").GetInt32() == stayId);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(Security.Role.Committee)
            .GetAsync("/odata/Placements/HousingCapacity.MinorsAtAdultPlaces()")).Status);
    }

    private async Task<ODataTestClient.Reply> RecordPolicyAsync(int municipalityCode, string effectiveFrom, bool applies, int min, int max,
        string name, int? year = 2024) =>
        await api.As(Security.Role.Administrator, municipalityCode).SendJsonAsync(HttpMethod.Post, "/odata/YouthPolicies",
            JsonSerializer.Serialize(new { EffectiveFrom = effectiveFrom, Applies = applies, MinAge = min, MaxAge = max, PolicyName = name,
                PolicyYear = year }));

    private static string Source(ODataTestClient.Reply reply) =>
        reply.Json.GetProperty("error").GetProperty("details").EnumerateArray()
            .Single(d => d.GetProperty("code").GetString() == "YouthInSection110").GetProperty("message").GetString()!;

    [Fact]
    public async Task YouthPolicy_ARefusalAtRodovre_CitesRodovresOwnDefault_NeverSlagelses()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        var unit = await _make.UnitAsync(shelter, beds: 2);
        var young = await _make.PersonAsync(Today.PlusYears(-20));
        var refused = await _make.AllocateAsync(young, unitId: unit);
        var message = Source(refused);
        Assert.Contains("Rødovre Kommunes standardregel", message);
        Assert.DoesNotContain("Slagelse", message);
    }

    [Fact]
    public async Task YouthPolicy_SlagelsesPlaces_CiteSlagelsesUdsattepolitik()
    {
        await using var db = api.NewDb();
        var slagelse = await db.Municipalities.SingleAsync(m => m.Code == 330);
        var policy = await db.YouthPolicies.SingleAsync(p => p.MunicipalityId == slagelse.Id);
        Assert.Equal("Udsattepolitik 2013–15", policy.PolicyName);
        var shelter = await db.Facilities.Where(f => f.MunicipalityId == slagelse.Id && f.LegalBasis == LegalBasis.Section110)
            .Select(f => f.Id).FirstAsync();
        var staff = api.As(Security.Role.ShelterStaff, 330, shelter);
        var alias = $"U{Guid.NewGuid():N}"[..12];
        var refused = await staff.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
            JsonSerializer.Serialize(new { facilityId = shelter, alias, gender = "Female", birthYear = Today.Year - 21 }));
        Assert.True(refused.Status == HttpStatusCode.UnprocessableEntity, refused.Body);
        Assert.Contains("Slagelse Kommunes Udsattepolitik 2013–15", Source(refused));
        // Slagelse's exceptions in the demo data cite its policy.
        Assert.True(await db.Placements.AnyAsync(p => p.Facility!.MunicipalityId == slagelse.Id && p.ExceptionDecidedBy != null
            && p.YouthPolicyId == policy.Id));
    }

    [Fact]
    public async Task YouthPolicy_IsTheAdministratorsOwnMunicipalitysOnly_AndItsBandIsForAdults()
    {
        var officer = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/YouthPolicies",
            """{"EffectiveFrom":"2026-01-01","Applies":true,"MinAge":18,"MaxAge":24,"PolicyName":"Hjemløsestrategi"}""");
        Assert.Equal(HttpStatusCode.Forbidden, officer.Status);
        await using (var db = api.NewDb())
        {
            var hvidovre = await db.Municipalities.SingleAsync(m => m.Code == 167);
            var other = await api.As(Security.Role.Administrator, 175).SendJsonAsync(HttpMethod.Post, "/odata/YouthPolicies",
                JsonSerializer.Serialize(new { MunicipalityId = hvidovre.Id, EffectiveFrom = "2025-03-01", Applies = false, MinAge = 18,
                    MaxAge = 24,
                    PolicyName = "Ikke vores" }));
            Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        }
        var minors = await RecordPolicyAsync(479, "2026-01-01", true, 16, 24, "Ungepolitik");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, minors.Status);
        Assert.Equal("YouthPolicyBelowAdultAge", minors.ErrorCode);
        var inverted = await RecordPolicyAsync(479, "2026-01-01", true, 25, 20, "Ungepolitik");
        Assert.Equal("InvalidYouthPolicyBand", inverted.ErrorCode);
        var noName = await RecordPolicyAsync(479, "2026-01-01", true, 18, 24, " ");
        Assert.Equal("Required", noName.ErrorCode);
        Assert.Equal(HttpStatusCode.Created, (await RecordPolicyAsync(479, "2026-01-01", true, 18, 24, "Ungepolitik")).Status);
        var twice = await RecordPolicyAsync(479, "2026-01-01", false, 18, 24, "Ungepolitik, rettet");
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Equal("YouthPolicyDateTaken", twice.ErrorCode);
        var id = (await api.As(Security.Role.Administrator, 479)
            .GetAsync("/odata/YouthPolicies?$filter=PolicyName eq 'Ungepolitik'&$select=Id"))
            .Value[0].GetProperty("Id").GetInt32();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await api.As(Security.Role.Administrator, 479).SendJsonAsync(HttpMethod.Patch,
            $"/odata/YouthPolicies({id})", """{"MaxAge":25}""")).Status);
    }

    [Fact]
    public async Task YouthPolicy_ChangedMidYear_EachStayIsJudgedByTheVersionInForce_AndAnOldDecisionKeepsCitingItsOwn()
    {
        // Hvidovre records a policy of 18–24 from 1 January, then switches the rule off from 1 July.
        Assert.Equal(HttpStatusCode.Created, (await RecordPolicyAsync(167, "2026-01-01", true, 18, 24, "Hjemløsestrategi 2026")).Status);
        var hvidovre = api.As(Security.Role.HousingOfficer, 167);
        var admin = new Builders(hvidovre, api.As(Security.Role.Administrator, 167));
        int hvidovreId;
        await using (var db = api.NewDb()) hvidovreId = (await db.Municipalities.SingleAsync(m => m.Code == 167)).Id;
        var shelter = await admin.FacilityAsync("Section110Shelter", municipalityId: hvidovreId);
        var unit = await admin.UnitAsync(shelter, beds: 3);
        var twentyTwo = await admin.PersonAsync(new LocalDate(2004, 1, 10), municipalityId: hvidovreId);
        var twentyFive = await admin.PersonAsync(new LocalDate(2001, 1, 10), municipalityId: hvidovreId);
        // In June: 18–24 applies to the 22-year-old (with a justification, citing the policy); the 25-year-old is outside its band.
        var june = new LocalDate(2026, 6, 10);
        var refused = await admin.AllocateAsync(twentyTwo, unitId: unit, start: june, end: june.PlusDays(3));
        Assert.Contains("Hvidovre Kommunes Hjemløsestrategi 2026", Source(refused));
        var exception = await admin.AllocateAsync(twentyTwo, unitId: unit, start: june, end: june.PlusDays(3),
            justification: Justification);
        Assert.Equal(HttpStatusCode.Created, exception.Status);
        var policyId = exception.Json.GetProperty("YouthPolicyId").GetInt32();
        Assert.Equal(HttpStatusCode.Created, (await admin.AllocateAsync(twentyFive, unitId: unit, start: june, end: june.PlusDays(3)))
            .Status);

        Assert.Equal(HttpStatusCode.Created, (await RecordPolicyAsync(167, "2026-07-01", false, 18, 24, "Hjemløsestrategi 2026, revideret"))
            .Status);
        // From July no rule: the 22-year-old is admitted without a word; the June decision still cites the June version.
        var july = new LocalDate(2026, 7, 10);
        var after = await admin.AllocateAsync(twentyTwo, unitId: unit, start: july, end: july.PlusDays(2));
        Assert.Equal(HttpStatusCode.Created, after.Status);
        Assert.Equal(JsonValueKind.Null, after.Json.GetProperty("ExceptionDecidedBy").ValueKind);
        var june22 = await hvidovre.GetAsync($"/odata/Placements({exception.Json.GetProperty("Id").GetInt32()})?$select=YouthPolicyId");
        Assert.Equal(policyId, june22.Json.GetProperty("YouthPolicyId").GetInt32());
        var cited = await hvidovre.GetAsync($"/odata/YouthPolicies({policyId})");
        Assert.Equal("Hjemløsestrategi 2026", cited.Json.GetProperty("PolicyName").GetString());
        Assert.True(cited.Json.GetProperty("Applies").GetBoolean());
    }

    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    private async Task<ODataTestClient.Reply> DischargeAsync(int stay, LocalDate end, string support, LocalDate decided) =>
        await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Discharge",
            JsonSerializer.Serialize(new { endDate = Iso(end), dischargeReason = "Planned", destination = "OwnHome",
                followUpSupport = support,
                followUpDecidedOn = Iso(decided) }));

    [Fact]
    public async Task Section176a_ADecisionAfterTheDischargeOrAheadOfToday_IsRefused_AndTheRefusionListShowsEachPeriod()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        var unit = await _make.UnitAsync(shelter, beds: 2);
        var person = await _make.PersonAsync(Today.PlusYears(-40));
        var first = await _make.AllocateAsync(person, unitId: unit, start: Today.PlusDays(-300));
        var firstId = first.Json.GetProperty("Id").GetInt32();
        var firstOut = Today.PlusDays(-280);
        var late = await DischargeAsync(firstId, firstOut, "HousingSupport85a", firstOut.PlusDays(1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.Status);
        Assert.Equal("FollowUpDecidedAfterDischarge", late.ErrorCode);
        Assert.Contains("inden borgerens udskrivning", late.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await DischargeAsync(firstId, firstOut, "HousingSupport85a", firstOut.PlusDays(-2))).Status);

        // Readmitted within the 2 years and discharged again with a new decision: the period still runs from the first discharge.
        var second = await _make.AllocateAsync(person, unitId: unit, start: Today.PlusDays(-20));
        var secondId = second.Json.GetProperty("Id").GetInt32();
        var ahead = await DischargeAsync(secondId, Today.PlusDays(3), "HousingSupport85a", Today.PlusDays(1));
        Assert.Equal("FollowUpDecidedInFuture", ahead.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await DischargeAsync(secondId, Today.PlusDays(-1), "HousingSupport85a", Today.PlusDays(-1)))
            .Status);

        var list = (await api.OData.GetAsync($"/odata/Placements/HousingCapacity.RefusionPeriods()?$filter=PersonId eq " +
            $"{person}&$orderby=DischargedOn"))
            .Value.EnumerateArray().ToList();
        Assert.Equal(2, list.Count);
        Assert.All(list, c => Assert.Equal(Iso(firstOut), c.GetProperty("PeriodStart").GetString()));
        Assert.All(list, c => Assert.Equal(Iso(firstOut.PlusYears(2)), c.GetProperty("PeriodEnd").GetString()));
        Assert.Equal([true, false], list.Select(c => c.GetProperty("StartsPeriod").GetBoolean()));
        // Another municipality's officers do not see Rødovre's claim.
        var hvidovre = await api.As(Security.Role.HousingOfficer, 167)
            .GetAsync($"/odata/Placements/HousingCapacity.RefusionPeriods()?$filter=PersonId eq {person}");
        Assert.Empty(hvidovre.Value.EnumerateArray());
    }

    [Fact]
    public async Task StayType_EfterforsorgIsRecordedAtASection110Place_AndRefusedElsewhere()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        var unit = await _make.UnitAsync(shelter);
        var adult = await _make.PersonAsync(Today.PlusYears(-40));
        var afterCare = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Placements",
            $$"""{"PersonId":{{adult}},"UnitId":{{unit}},"StayType":"AfterCare"}""");
        Assert.Equal(HttpStatusCode.Created, afterCare.Status);
        Assert.Equal("AfterCare", afterCare.Json.GetProperty("StayType").GetString());

        var other = await _make.PersonAsync(Today.PlusYears(-40));
        var plain = await _make.AllocateAsync(other, facilityId: shelter);
        Assert.Equal(HttpStatusCode.Conflict, plain.Status);             // the one bed is taken by the efterforsorg stay

        var night = await _make.FacilityAsync("EmergencyBeds", legalBasis: "Section104");
        await _make.UnitAsync(night);
        var refused = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Placements",
            $$"""{"PersonId":{{other}},"FacilityId":{{night}},"StayType":"Shelter"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("StayTypeOnlyAtSection110", refused.ErrorCode);

        var ordinary = await _make.AllocateAsync(other, facilityId: night);
        Assert.Equal(HttpStatusCode.Created, ordinary.Status);
        Assert.Equal(JsonValueKind.Null, ordinary.Json.GetProperty("StayType").ValueKind);
    }

    private Task<ODataTestClient.Reply> CheckInAsync(string body) =>
        api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn", body);

    [Fact]
    public async Task ReturningWithoutCpr_IsPickedByStaff_AndKeepsTheirCountingYear()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        await _make.UnitAsync(shelter, beds: 3);
        var alias = $"Ravnen {Guid.NewGuid():N}"[..14];
        var first = await CheckInAsync($$"""
            {"facilityId":{{shelter}},"alias":"{{alias}}","gender":"Female","birthYear":1980,
             "startDate":"{{Today.PlusDays(-40):yyyy-MM-dd}}","endDate":"{{Today.PlusDays(-10):yyyy-MM-dd}}"}
            """);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var person = first.Json.GetProperty("PersonId").GetInt32();

        // The same alias again (typed differently): asked who it is, not silently a new record.
        var again = await CheckInAsync($$"""{"facilityId":{{shelter}},"alias":" {{alias.ToUpperInvariant()}} ","gender":"Female",""" +
            """ "birthYear":1980}""");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("KnownWithoutCprAtPlace", again.ErrorCode);

        var known = await api.OData.GetAsync(
            $"/odata/Persons/HousingCapacity.KnownWithoutCpr(facilityId={shelter},alias='{alias[..8]}')");
        var match = Assert.Single(known.Value.EnumerateArray(), k => k.GetProperty("PersonId").GetInt32() == person);
        Assert.Equal(1980, match.GetProperty("BirthYear").GetInt32());
        Assert.Equal(Today.PlusDays(-40).ToString("yyyy-MM-dd", null), match.GetProperty("LastStayStart").GetString());

        var returning = await CheckInAsync($$"""{"facilityId":{{shelter}},"personId":{{person}}}""");
        Assert.Equal(HttpStatusCode.Created, returning.Status);
        Assert.Equal(person, returning.Json.GetProperty("PersonId").GetInt32());
        var year = await api.OData.GetAsync($"/odata/Persons({person})/HousingCapacity.CountingYear()");
        Assert.Equal(31, year.Json.GetProperty("Section110Nights").GetInt32());   // 30 nights before and tonight

        // Staff may still say it is someone new.
        var someoneElse = await CheckInAsync($$"""{"facilityId":{{shelter}},"alias":"{{alias}}","gender":"Female","birthYear":1990,""" +
            """ "newPerson":true}""");
        Assert.Equal(HttpStatusCode.Created, someoneElse.Status);
        Assert.NotEqual(person, someoneElse.Json.GetProperty("PersonId").GetInt32());
    }

    [Fact]
    public async Task ReturningWithoutCpr_OnlySomeoneWithoutACprNumberKnownAtThisPlace_AndOnlyAtOnesOwnPlace()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");
        await _make.UnitAsync(shelter, beds: 3);
        var (withCpr, cpr) = await _make.RegisterAsync(Today.PlusYears(-40));
        Assert.Equal(HttpStatusCode.Created, (await _make.CheckInAsync(cpr, shelter)).Status);
        var refused = await CheckInAsync($$"""{"facilityId":{{shelter}},"personId":{{withCpr}}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("NotKnownAtThisPlace", refused.ErrorCode);

        var elsewhere = await _make.FacilityAsync("Section110Shelter");
        var staffElsewhere = api.As(Security.Role.ShelterStaff, 175, elsewhere);
        // Another place's staff do not see this place at all.
        Assert.Equal(HttpStatusCode.NotFound,
            (await staffElsewhere.GetAsync($"/odata/Persons/HousingCapacity.KnownWithoutCpr(facilityId={shelter})")).Status);
    }

    [Fact]
    public async Task NoticedStay_ASection110StayElsewhere_CountsInTheCountingYear()
    {
        var person = await _make.PersonAsync(Today.PlusYears(-45));
        var noticed = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/NoticedStays", $$"""
            {"PersonId":{{person}},"PlaceName":"Forsorgshjemmet Aldersro","PlaceMunicipalityCode":101,
             "StartDate":"{{Today.PlusDays(-30):yyyy-MM-dd}}","EndDate":"{{Today.PlusDays(-10):yyyy-MM-dd}}",
             "NoticeReceivedOn":"{{Today.PlusDays(-28):yyyy-MM-dd}}"}
            """);
        Assert.Equal(HttpStatusCode.Created, noticed.Status);
        Assert.StartsWith("test", noticed.Json.GetProperty("RecordedBy").GetString());
        var shelter = await _make.FacilityAsync("Section110Shelter");
        await _make.UnitAsync(shelter);
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(person, facilityId: shelter)).Status);
        var year = await api.OData.GetAsync($"/odata/Persons({person})/HousingCapacity.CountingYear()");
        Assert.Equal(21, year.Json.GetProperty("Section110Nights").GetInt32());     // 20 nights elsewhere and tonight here
        Assert.Equal(Today.PlusDays(-30).ToString("yyyy-MM-dd", null), year.Json.GetProperty("YearStart").GetString());
    }

    [Fact]
    public async Task NoticedStay_BadInput_IsRefused_AndOnlyOfficersRecordIt()
    {
        var person = await _make.PersonAsync(Today.PlusYears(-45));
        string Body(LocalDate start, LocalDate? end, LocalDate notice) => $$"""
            {"PersonId":{{person}},"PlaceName":"Herberget Nord","PlaceMunicipalityCode":851,"StartDate":"{{start:yyyy-MM-dd}}",
             "EndDate":{{(end is { } e ? $"\"{e:yyyy-MM-dd}\"" : "null")}},"NoticeReceivedOn":"{{notice:yyyy-MM-dd}}"}
            """;
        Assert.Equal(HttpStatusCode.Created, (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/NoticedStays",
            Body(Today.PlusDays(-60), Today.PlusDays(-50), Today.PlusDays(-58)))).Status);
        var overlap = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/NoticedStays",
            Body(Today.PlusDays(-55), null, Today.PlusDays(-54)));
        Assert.Equal((HttpStatusCode.Conflict, "OverlapsAnotherStay"), (overlap.Status, overlap.ErrorCode));
        var future = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/NoticedStays", Body(Today.PlusDays(2), null, Today));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.Status);
        var noticeBefore = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/NoticedStays",
            Body(Today.PlusDays(-20), null, Today.PlusDays(-25)));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "InvalidNoticeDate"), (noticeBefore.Status, noticeBefore.ErrorCode));
        var staff = api.As(Security.Role.ShelterStaff, 175, 1);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.SendJsonAsync(HttpMethod.Post, "/odata/NoticedStays",
            Body(Today.PlusDays(-40), Today.PlusDays(-35), Today.PlusDays(-39)))).Status);
    }

    [Fact]
    public async Task NoticedStay_NightsElsewhere_CanPutAPersonPastTheThreshold_InLongStays()
    {
        var person = await _make.PersonAsync(Today.PlusYears(-50));
        Assert.Equal(HttpStatusCode.Created, (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/NoticedStays", $$"""
            {"PersonId":{{person}},"PlaceName":"Forsorgshjemmet Syd","PlaceMunicipalityCode":461,
             "StartDate":"{{Today.PlusDays(-120):yyyy-MM-dd}}","EndDate":"{{Today.PlusDays(-5):yyyy-MM-dd}}",
             "NoticeReceivedOn":"{{Today.PlusDays(-118):yyyy-MM-dd}}"}
            """)).Status);
        var shelter = await _make.FacilityAsync("Section110Shelter");
        await _make.UnitAsync(shelter);
        Assert.Equal(HttpStatusCode.Created, (await _make.AllocateAsync(person, facilityId: shelter)).Status);
        var long_ = await api.OData.GetAsync(
            $"/odata/Placements/HousingCapacity.LongStays(date={Today:yyyy-MM-dd})?$filter=PersonId eq {person}");
        var row = Assert.Single(long_.Value.EnumerateArray());
        Assert.Equal(116, row.GetProperty("Section110Nights").GetInt32());
    }

    [Fact]
    public async Task NoticedStay_OnThePersonPage_AnOfficerRecordsItInDanish()
    {
        var person = await _make.PersonAsync(Today.PlusYears(-50));
        using var officer = await Pages.PageClient.SignedInAsync(api, Security.Role.HousingOfficer, 175);
        var page = $"/sagsbehandler/person/{person}";
        using var missing = await officer.PostFormAsync($"{page}?handler=Noticed", new() { ["PlaceName"] = "Herberget Vest" }, page);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Skriv datoen for den første nat", await missing.Content.ReadAsStringAsync());
        using var saved = await officer.PostFormAsync($"{page}?handler=Noticed", new()
        {
            ["PlaceName"] = "Herberget Vest", ["PlaceMunicipalityCode"] = "101", ["StartDate"] = Today.PlusDays(-9).ToString("yyyy-MM-dd",
                null),
            ["EndDate"] = Today.PlusDays(-2).ToString("yyyy-MM-dd", null), ["NoticeReceivedOn"] = Today.PlusDays(-7).ToString("yyyy-MM-dd",
                null),
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var body = await officer.Http.GetStringAsync(page);
        Assert.Contains("Herberget Vest", body);
        Assert.Contains("7 af", body);                                   // 7 nights of the counting year
    }

    /// <summary>A §110 place run by Svendborg (479), with its own staff: Rødovre's officers (the fixture's caller) only refer there.
    /// (Svendborg's youth policy in these tests covers 18–24 whichever test ran first.)</summary>
    private async Task<(int Place, int Unit, ODataTestClient Staff)> OtherMunicipalitysPlaceAsync(int beds = 2)
    {
        var municipalities = await api.OData.GetAsync("/odata/Municipalities?$filter=Code eq 479&$select=Id");
        var svendborg = municipalities.Value[0].GetProperty("Id").GetInt32();
        var build = new Builders(api.OData, api.As(Security.Role.Administrator, 479));
        var place = await build.FacilityAsync("Section110Shelter", municipalityId: svendborg);
        var unit = await build.UnitAsync(place, beds);
        return (place, unit, api.As(Security.Role.ShelterStaff, 479, place));
    }

    [Fact]
    public async Task Decisions_AnotherMunicipalitysAllocation_IsAReferral_ThePlaceAdmits_AndDecidesTheYouthException()
    {
        var (_, unit, staff) = await OtherMunicipalitysPlaceAsync();
        var young = await _make.PersonAsync(Today.PlusYears(-20));
        var referral = await _make.AllocateAsync(young, unitId: unit, justification: Justification);
        Assert.Equal(HttpStatusCode.Created, referral.Status);
        var stay = referral.Json.GetProperty("Id").GetInt32();
        Assert.Equal(JsonValueKind.Null, referral.Json.GetProperty("AdmittedBy").ValueKind);
        Assert.StartsWith("test", referral.Json.GetProperty("ReferredBy").GetString());
        Assert.Equal(Justification, referral.Json.GetProperty("ReferralReason").GetString());
        Assert.Equal(JsonValueKind.Null, referral.Json.GetProperty("ExceptionDecidedBy").ValueKind);

        // Rødovre cannot admit at Svendborg's place; the place must decide the exception in its own words.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Admit", "{}")).Status);
        var bare = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Admit", "{}");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "YouthInSection110"), (bare.Status, bare.ErrorCode));
        var admitted = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Admit",
            """{"exceptionJustification":"Vi optager: ungeboligen har ingen plads før mandag, og han sover ellers ude."}""");
        Assert.Equal(HttpStatusCode.OK, admitted.Status);
        Assert.StartsWith("test-ShelterStaff-479", admitted.Json.GetProperty("AdmittedBy").GetString());
        Assert.Equal(admitted.Json.GetProperty("AdmittedBy").GetString(), admitted.Json.GetProperty("ExceptionDecidedBy").GetString());
        Assert.Equal(Justification, admitted.Json.GetProperty("ReferralReason").GetString());
        Assert.Equal("NotAwaitingAdmission", (await staff.SendJsonAsync(HttpMethod.Post,
            $"/odata/Placements({stay})/HousingCapacity.Admit", "{}")).ErrorCode);
    }

    [Fact]
    public async Task Decisions_ThePlaceRefusesAReferral_AnAfslagWithItsGrounds_AndTheStayIsGone()
    {
        var (place, unit, staff) = await OtherMunicipalitysPlaceAsync();
        var adult = await _make.PersonAsync(Today.PlusYears(-40));
        var stay = (await _make.AllocateAsync(adult, unitId: unit)).Json.GetProperty("Id").GetInt32();
        var notAdmitted = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Discharge",
            $$"""{"endDate":"{{Today.PlusDays(1):yyyy-MM-dd}}","dischargeReason":"Planned","destination":"OwnHome"}""");
        Assert.Equal("NotAdmitted", notAdmitted.ErrorCode);
        var shortGrounds = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.RefuseAdmission",
            """{"reason":"Violence","explanation":"Vold"}""");
        Assert.Equal(HttpStatusCode.BadRequest, shortGrounds.Status);
        var refused = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.RefuseAdmission",
            """{"reason":"Violence","explanation":"Truede personalet ved sidste ophold for to uger siden."}""");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(("Violence", place, adult), (refused.Json.GetProperty("Reason").GetString(),
            refused.Json.GetProperty("FacilityId").GetInt32(), refused.Json.GetProperty("PersonId").GetInt32()));
        Assert.Equal("Truede personalet ved sidste ophold for to uger siden.", refused.Json.GetProperty("Explanation").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.OData.GetAsync($"/odata/Placements({stay})")).Status);
    }

    [Fact]
    public async Task Decisions_AMunicipalityEndsASection110StayItselfOnlyOnTheConditionsOfStk5()
    {
        var (_, unit, staff) = await OtherMunicipalitysPlaceAsync();
        var adult = await _make.PersonAsync(Today.PlusYears(-40));
        var stay = (await _make.AllocateAsync(adult, unitId: unit, start: Today.PlusDays(-5))).Json.GetProperty("Id").GetInt32();
        Assert.Equal(HttpStatusCode.OK,
            (await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Admit", "{}")).Status);
        var body = $$"""{"endDate":"{{Today:yyyy-MM-dd}}","dischargeReason":"TransferredToOtherOffer","destination":"OwnHome"}""";
        var refused = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Discharge", body);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "Section110DischargeIsThePlaces"), (refused.Status, refused.ErrorCode));
        Assert.Contains("§ 110, stk. 5", refused.Json.GetProperty("error").GetProperty("message").GetString());
        var ended = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stay})/HousingCapacity.Discharge",
            body.Replace("}", ",\"section110Stk5\":true}"));
        Assert.Equal(HttpStatusCode.OK, ended.Status);
        Assert.Equal("Municipality", ended.Json.GetProperty("DischargeCapacity").GetString());
        Assert.StartsWith("test", ended.Json.GetProperty("DischargeDecidedBy").GetString());
    }

    [Fact]
    public async Task Decisions_TheRunningMunicipalitysOfficersAndStaffActAsThePlace()
    {
        var shelter = await _make.FacilityAsync("Section110Shelter");   // run by Rødovre, the caller's municipality
        await _make.UnitAsync(shelter);
        var adult = await _make.PersonAsync(Today.PlusYears(-40));
        var stay = await _make.AllocateAsync(adult, facilityId: shelter, start: Today.PlusDays(-2));
        Assert.StartsWith("test", stay.Json.GetProperty("AdmittedBy").GetString());
        Assert.Equal(JsonValueKind.Null, stay.Json.GetProperty("ReferredBy").ValueKind);
        var ended = await api.As(Security.Role.ShelterStaff, 175, shelter).SendJsonAsync(HttpMethod.Post,
            $"/odata/Placements({stay.Json.GetProperty("Id").GetInt32()})/HousingCapacity.Discharge",
            $$"""{"endDate":"{{Today:yyyy-MM-dd}}","dischargeReason":"Expelled","destination":"Street"}""");
        Assert.Equal("Place", ended.Json.GetProperty("DischargeCapacity").GetString());
    }
}
