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
            JsonSerializer.Serialize(new { facilityId = shelter, alias, gender = "Male", estimatedAge = 17, exceptionJustification = Justification }));
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
            var old = new Placement(person, unit, shelter, LegalBasis.Section110, new DateRange(Today.PlusMonths(-3), Today.PlusMonths(-3).PlusDays(4)),
                SupportMethod.None, null, ReferralRoute.SelfReferral, null);
            db.Add(old);
            await db.SaveChangesAsync();
            stayId = old.Id;
        }
        var listed = await api.OData.GetAsync("/odata/Placements/HousingCapacity.MinorsAtAdultPlaces()?$select=Id,PersonId");
        Assert.Contains(listed.Value.EnumerateArray(), p => p.GetProperty("Id").GetInt32() == stayId);
        var other = await api.As(Security.Role.HousingOfficer, 167).GetAsync("/odata/Placements/HousingCapacity.MinorsAtAdultPlaces()?$select=Id");
        Assert.DoesNotContain(other.Value.EnumerateArray(), p => p.GetProperty("Id").GetInt32() == stayId);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(Security.Role.Committee).GetAsync("/odata/Placements/HousingCapacity.MinorsAtAdultPlaces()")).Status);
    }
}
