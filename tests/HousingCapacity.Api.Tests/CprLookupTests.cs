using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>The API with a small budget of look-ups by CPR number (5 in 10 minutes, a warning after 3 misses).</summary>
public sealed class CprLookupFixture : ApiFixture
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
        [("CprLookups:PerWindow", "5"), ("CprLookups:WindowMinutes", "10"), ("CprLookups:MissesBeforeWarning", "3")];
}

/// <summary>
/// Issue 23, finding 1: a CPR number must not be recoverable by trying the ~3,000 candidates a masked number and a gender leave.
/// Every look-up counts against a per-user budget and is in the access log, hit or miss; a CPR number is never an oracle.
/// </summary>
public class CprLookupTests(CprLookupFixture api) : IClassFixture<CprLookupFixture>
{
    private static int _users;

    /// <summary>A client of a user of its own, with a budget of its own.</summary>
    private ODataTestClient NewUser(Role role, params int[] facilities)
    {
        return api.OData.WithToken(ApiFixture.TokenFor($"cpr-lookup-user-{Interlocked.Increment(ref _users)}", role, 175, facilities));
    }

    private static string Guess(int i) => $"130169-{i:0000}";

    private async Task<long> LastLineAsync()
    {
        await using var db = api.NewDb();
        return await db.AccessLogLines.MaxAsync(l => (long?)l.Id) ?? 0;
    }

    [Fact]
    public async Task FindByCpr_PastTheBudget_Is429InDanishAndEnglish_AndOtherWorkGoesOn()
    {
        var staff = NewUser(Role.ShelterStaff, 1);
        var statuses = new List<HttpStatusCode>();
        ODataTestClient.Reply? refused = null;
        for (var i = 0; i < 7; i++)
        {
            var reply = await staff.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{Guess(i)}')");
            statuses.Add(reply.Status);
            if (reply.Status == HttpStatusCode.TooManyRequests) refused = reply;
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            statuses);
        Assert.Equal("TooManyCprLookups", refused!.ErrorCode);
        Assert.Contains("CPR-numre", refused.ErrorMessage);
        Assert.Contains("CPR numbers", refused.ErrorMessage);
        Assert.NotNull(refused.Headers.RetryAfter);
        // The budget is the user's: another user, and this user's other work, are not affected.
        Assert.Equal(HttpStatusCode.OK, (await NewUser(Role.ShelterStaff, 1).GetAsync(
            $"/odata/Persons/HousingCapacity.FindByCpr(cpr='{Guess(0)}')")).Status);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/odata/Facilities(1)")).Status);
    }

    [Fact]
    public async Task EveryWayToLookUpACpr_CountsAgainstTheSameBudget()
    {
        // Registration's duplicate check and a check-in's identification answer "is there someone with this number" too.
        var officer = NewUser(Role.HousingOfficer);
        await using var db = api.NewDb();
        var known = (await db.Persons.Where(p => p.Cpr != null && p.MunicipalityId == 1).OrderBy(p => p.Id).FirstAsync()).Cpr!;
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{Guess(100 + i)}')"))
                .Status);
        var duplicate = await officer.SendJsonAsync(HttpMethod.Post, "/odata/Persons",
            $$"""{"Cpr":"{{known}}","FirstName":"A","LastName":"B","MunicipalityId":1}""");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        var count = await db.Persons.CountAsync();
        var past = await officer.SendJsonAsync(HttpMethod.Post, "/odata/Persons",
            $$"""{"Cpr":"{{Guess(200)}}","FirstName":"A","LastName":"B","MunicipalityId":1}""");
        Assert.Equal((HttpStatusCode.TooManyRequests, "TooManyCprLookups"), (past.Status, past.ErrorCode));
        var checkIn = await officer.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
            $$"""{"cpr":"{{known}}","facilityId":1}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, checkIn.Status);
        Assert.Equal(count, await db.Persons.CountAsync());
    }

    [Fact]
    public async Task Lookups_HitAndMiss_AreLogged_AMissNamesNobodyAndNeverTheNumber()
    {
        var staff = NewUser(Role.ShelterStaff, 1);
        await using var db = api.NewDb();
        var person = await db.Persons.Where(p => p.Cpr != null).OrderBy(p => p.Id).Skip(2).FirstAsync();
        var before = await LastLineAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/odata/Persons/HousingCapacity.FindByCpr(cpr='{Guess(9)}')");
        request.Headers.Add(AccessLog.PurposeHeader, "Borger ved døren");
        var miss = await staff.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, miss.Status);
        Assert.Empty(miss.Value.EnumerateArray());
        var hit = await staff.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{person.Cpr}')");
        Assert.Equal(person.Id, hit.Value[0].GetProperty("PersonId").GetInt32());

        await using var after = api.NewDb();
        var lines = await after.AccessLogLines.Where(l => l.Id > before && l.UserName.StartsWith("cpr-lookup-user-"))
            .OrderBy(l => l.Id).ToListAsync();
        var missLine = Assert.Single(lines, l => l.Operation == "LookupByCpr: no match");
        Assert.Null(missLine.PersonId);
        Assert.Equal(("ShelterStaff", "Borger ved døren"), (missLine.Role, missLine.Purpose));
        Assert.DoesNotContain(Guess(9), missLine.Request);
        Assert.DoesNotContain("0009", missLine.Request);
        var hitLine = Assert.Single(lines, l => l.Operation == $"LookupByCpr Person {person.Id}");
        Assert.Equal(person.Id, hitLine.PersonId);
    }

    [Fact]
    public async Task ManyMisses_AreLoggedAsAWarning_WithoutTheNumbers()
    {
        var staff = NewUser(Role.ShelterStaff, 1);
        for (var i = 0; i < 3; i++)
            await staff.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{Guess(300 + i)}')");
        var warning = Assert.Single(LogSink.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("CPR numbers without a match") && l.Contains($"cpr-lookup-user-{_users}"));
        Assert.DoesNotContain("0300", warning);
    }

    [Fact]
    public async Task CheckIn_ByAnUnknownCpr_IsRefused_AndTheLookupStaysInTheLog()
    {
        var staff = NewUser(Role.ShelterStaff, 1);
        var before = await LastLineAsync();
        var refused = await staff.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
            $$"""{"cpr":"{{Guess(400)}}","facilityId":1}""");
        Assert.Equal((HttpStatusCode.NotFound, "PersonNotFound"), (refused.Status, refused.ErrorCode));
        Assert.DoesNotContain("POST", refused.ErrorMessage.Split(" / ")[0]);
        await using var db = api.NewDb();
        var line = Assert.Single(await db.AccessLogLines.Where(l => l.Id > before && l.UserName == $"cpr-lookup-user-{_users}")
            .ToListAsync());
        Assert.Equal(("IdentifyByCpr: no match", null), (line.Operation, line.PersonId));
    }

    [Fact]
    public async Task PatchOfTheCpr_AnswersTheSameForTheRightAndAWrongNumber()
    {
        await using var db = api.NewDb();
        var stay = await db.Placements.Where(p => p.EndDate == null && p.FacilityId == 1).OrderBy(p => p.Id).FirstAsync();
        var person = await db.Persons.SingleAsync(p => p.Id == stay.PersonId && p.Cpr != null);
        var staff = NewUser(Role.ShelterStaff, 1);
        var read = await staff.GetAsync($"/odata/Persons({person.Id})");
        var etag = read.Json.GetProperty("@odata.etag").GetString();
        var right = await staff.SendJsonAsync(HttpMethod.Patch, $"/odata/Persons({person.Id})", $$"""{"Cpr":"{{person.Cpr}}"}""", etag);
        var wrong = await staff.SendJsonAsync(HttpMethod.Patch, $"/odata/Persons({person.Id})", $$"""{"Cpr":"{{Guess(1)}}"}""", etag);
        Assert.Equal((HttpStatusCode.BadRequest, "ReadOnlyProperty"), (right.Status, right.ErrorCode));
        Assert.Equal((right.Status, right.ErrorCode, right.ErrorMessage), (wrong.Status, wrong.ErrorCode, wrong.ErrorMessage));
    }
}

/// <summary>The find page spends the same budget: past it the officer gets the Danish 429 page, not an error.</summary>
public class CprLookupPageTests(CprLookupFixture api) : IClassFixture<CprLookupFixture>
{
    [Fact]
    public async Task FindPage_PastTheBudget_IsTheDanish429Page()
    {
        using var officer = await Pages.PageClient.SignedInAsync(api, Role.HousingOfficer);
        var statuses = new List<HttpStatusCode>();
        string? refused = null;
        for (var i = 0; i < 6; i++)
        {
            using var reply = await officer.PostFormAsync("/sagsbehandler", new() { ["Query"] = $"130169-{500 + i:0000}" });
            statuses.Add(reply.StatusCode);
            if (reply.StatusCode == HttpStatusCode.TooManyRequests) refused = await reply.Content.ReadAsStringAsync();
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("<html lang=\"da\">", refused);
    }
}
