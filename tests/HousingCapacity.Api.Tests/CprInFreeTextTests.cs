using HousingCapacity.Api.Data;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>Issue 23, findings 2 and 3: one detector of a CPR number in text, in every common written form.</summary>
public class CprInFreeTextTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<string> WrittenForms =>
    [
        "130169-0961", "1301690961", "13.01.69-0961", "13 01 69 0961", "1301-69-0961", "130169\u20100961", "130169\u20130961",
        "13/01/69 0961", "130169 - 0961", "%27130169-0961%27", "130169%2D0961", "13%2001%2069%200961", "cpr=130169+0961",
    ];

    [Theory]
    [MemberData(nameof(WrittenForms))]
    public void Detector_FindsEveryWrittenForm_AndMasksIt(string form)
    {
        Assert.True(Privacy.HoldsCpr($"Borgeren ({form}) kom i nat"), form);
        var masked = Privacy.Scrub($"x {form} y");
        Assert.False(Privacy.HoldsCpr(masked), masked);
        Assert.Contains("130169-XXXX", masked);
    }

    [Theory]
    [InlineData("Ring 45 12 34 56 78")]
    [InlineData("2026-11-22 19:00:00")]
    [InlineData("Ophold 4: 22.11.2026 – 23.11.2026")]
    [InlineData("Lejemål 12345678")]
    [InlineData("Sag 9913421234")]
    [InlineData("Enhed 3f0112850961ab")]
    public void Detector_LeavesOtherNumbersAlone(string text) => Assert.False(Privacy.HoldsCpr(text), text);

    [Fact]
    public void EveryTextOfEveryRecord_IsDeclaredWrittenOrSetBySystem()
    {
        var texts = typeof(Entity).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Entity)))
            .SelectMany(t => t.GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite).Select(p => (t, p.Name)))
                .ToList();
        Assert.NotEmpty(texts);
        foreach (var (type, name) in texts)
            Assert.True(FreeText.Written.GetValueOrDefault(type, []).Contains(name) ^ FreeText.SetBySystem.GetValueOrDefault(type, [])
                .Contains(name),
                $"{type.Name}.{name}: declare it once in FreeText.Written or FreeText.SetBySystem.");
    }

    [Theory]
    [MemberData(nameof(WrittenForms))]
    public async Task Justification_HoldingACpr_IsRefused_AndNothingIsSaved(string form)
    {
        var make = new Builders(api);
        var shelter = await make.FacilityAsync("Section110Shelter");
        await make.UnitAsync(shelter, 2);
        var young = await make.PersonAsync(ApiFixture.Today.PlusYears(-20));
        var reply = await make.AllocateAsync(young, shelter, justification: $"Ingen ungeplads; borgeren {form} har ingen andre steder.");
        Assert.Equal((HttpStatusCode.BadRequest, "CprInFreeText"), (reply.Status, reply.ErrorCode));
        Assert.Equal("ExceptionJustification", reply.Json.GetProperty("error").GetProperty("target").GetString());
        Assert.DoesNotContain("0961", reply.Body);
        await using var db = api.NewDb();
        Assert.False(await db.Placements.AnyAsync(p => p.PersonId == young));
    }

    [Fact]
    public async Task AliasAndPurpose_HoldingACpr_AreRefused()
    {
        var alias = await api.Staff(1).SendJsonAsync(HttpMethod.Post, "/odata/Persons/HousingCapacity.RegisterWithoutCpr",
            """{"alias":"Piotr 13.01.69-0961","gender":"Male","birthYear":1969}""");
        Assert.Equal((HttpStatusCode.BadRequest, "CprInFreeText"), (alias.Status, alias.ErrorCode));
        var read = new HttpRequestMessage(HttpMethod.Get, "/odata/Facilities(1)");
        read.Headers.Add(AccessLog.PurposeHeader, "Borger 13 01 69 0961 ved døren");
        var purpose = await api.OData.SendAsync(read);
        Assert.Equal((HttpStatusCode.BadRequest, "CprInFreeText"), (purpose.Status, purpose.ErrorCode));
    }

    [Fact]
    public async Task AJustificationStoredBefore_IsMaskedInTheCommitteeReport_AndForStaff()
    {
        var make = new Builders(api);
        var shelter = await make.FacilityAsync("Section110Shelter");
        await make.UnitAsync(shelter, 8);
        // Stored as an old database may hold it: written directly, past today's refusal.
        await using (var db = api.NewDb())
        {
            for (var i = 0; i < 5; i++)
            {
                var person = await make.PersonAsync(ApiFixture.Today.PlusYears(-19 - i));
                var stay = (await make.AllocateAsync(person, shelter, start: new NodaTime.LocalDate(2026, 10, 3 + i),
                    end: new NodaTime.LocalDate(2026, 10, 4 + i),
                    justification: "Ingen ungeplads i nat; vurderet af vagthavende leder.")).Json.GetProperty("Id").GetInt32();
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE "Placements" SET "ExceptionJustification" = {"Borgeren 13.01.69-0961 havde intet andet sted at sove."}
                    WHERE "Id" = {stay}
                    """);
            }
        }
        var pdfJson = await api.HttpAs(Role.Committee).GetStringAsync("/reports/monthly/175/2026-10.json");
        Assert.DoesNotContain("0961", pdfJson);
        Assert.Contains("[CPR fjernet]", pdfJson);
        var staff = await api.Staff(shelter).GetAsync($"/odata/Placements?$filter=FacilityId eq {shelter}&$select=ExceptionJustification");
        Assert.Equal(HttpStatusCode.OK, staff.Status);
        Assert.DoesNotContain("0961", staff.Body);
    }
}
