using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>Offers reach the right person in the right order; answers, expiry and eligibility at offer time.</summary>
public class WaitlistTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Builders _make = new(api);
    private static readonly LocalDate Today = ApiFixture.Today;

    private async Task<int> WaitlistAsync(string kind) =>
        (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Waitlists",
            $$"""{"MunicipalityId":1,"Name":"Test {{Guid.NewGuid():N}}","Kind":"{{kind}}"}"""))
        .Json.GetProperty("Id").GetInt32();

    private async Task<int> EntryAsync(int waitlist, int person, string appliedOn, string priority = "Normal") =>
        (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/WaitlistEntries",
            $$"""{"WaitlistId":{{waitlist}},"PersonId":{{person}},"AppliedOn":"{{appliedOn}}","Priority":"{{priority}}"}"""))
                .Json.GetProperty("Id").GetInt32();

    private Task<ODataTestClient.Reply> OfferNext(int waitlist, int unit) =>
        api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Waitlists({waitlist})/HousingCapacity.OfferNext", $$"""{"unitId":{{unit}}}""");

    private async Task<(int Waitlist, int Facility)> YouthListAsync()
    {
        var facility = await _make.FacilityAsync("YouthHousing", minAge: 18, maxAge: 24);
        return (await WaitlistAsync("YouthHousing"), facility);
    }

    [Fact]
    public async Task OfferNext_GoesUrgentFirst_ThenEarliestApplication_ThenId()
    {
        var (waitlist, facility) = await YouthListAsync();
        var a = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-01-01");
        var b = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-06-01", "Urgent");
        var c = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2025-12-01");
        var d = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-06-01", "Urgent");
        var order = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var offer = await OfferNext(waitlist, await _make.UnitAsync(facility));
            Assert.Equal(HttpStatusCode.OK, offer.Status);
            order.Add(offer.Json.GetProperty("WaitlistEntryId").GetInt32());
            Assert.Equal("Pending", offer.Json.GetProperty("Status").GetString());
        }
        Assert.Equal([b, d, c, a], order);
    }

    [Fact]
    public async Task OfferNext_PersonWhoAgedOut_IsFlaggedAndPassedOver()
    {
        var (waitlist, facility) = await YouthListAsync();
        var agedOut = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-25)), "2024-01-01", "Urgent");
        var young = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-21)), "2026-01-01");
        var offer = await OfferNext(waitlist, await _make.UnitAsync(facility));
        Assert.Equal(young, offer.Json.GetProperty("WaitlistEntryId").GetInt32());
        var flagged = await api.OData.GetAsync($"/odata/WaitlistEntries({agedOut})");
        Assert.Equal("Waiting", flagged.Json.GetProperty("Status").GetString());
        Assert.Contains("25 år", flagged.Json.GetProperty("FlaggedReason").GetString());
    }

    [Fact]
    public async Task OfferNext_UnitWithAPendingOffer_IsRefused_AndWrongKindIsRefused()
    {
        var (waitlist, facility) = await YouthListAsync();
        await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-01-01");
        await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-01-02");
        var unit = await _make.UnitAsync(facility);
        Assert.Equal(HttpStatusCode.OK, (await OfferNext(waitlist, unit)).Status);
        var second = await OfferNext(waitlist, unit);
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("UnitAlreadyOffered", second.ErrorCode);
        var shelter = await _make.FacilityAsync("Section110Shelter");
        Assert.Equal("UnitNotForWaitlist", (await OfferNext(waitlist, await _make.UnitAsync(shelter))).ErrorCode);
    }

    [Fact]
    public async Task Accept_MakesThePlacement_AndHousesTheEntry()
    {
        var (waitlist, facility) = await YouthListAsync();
        var person = await _make.PersonAsync(Today.PlusYears(-22));
        var entry = await EntryAsync(waitlist, person, "2026-02-01");
        var unit = await _make.UnitAsync(facility);
        var offer = (await OfferNext(waitlist, unit)).Json.GetProperty("Id").GetInt32();
        var accepted = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Offers({offer})/HousingCapacity.Accept", "");
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Contains("$metadata#Placements", accepted.Json.GetProperty("@odata.context").GetString());
        Assert.Equal(person, accepted.Json.GetProperty("PersonId").GetInt32());
        Assert.Equal(unit, accepted.Json.GetProperty("UnitId").GetInt32());
        Assert.Equal("Housed", (await api.OData.GetAsync($"/odata/WaitlistEntries({entry})")).Json.GetProperty("Status").GetString());
        Assert.Equal("Accepted", (await api.OData.GetAsync($"/odata/Offers({offer})")).Json.GetProperty("Status").GetString());
        var twice = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Offers({offer})/HousingCapacity.Accept", "");
        Assert.InRange((int)twice.Status, 400, 499);
    }

    [Fact]
    public async Task Decline_ReturnsTheEntryToWaiting_WithItsPlaceKept_ButNotTheSameUnit()
    {
        var (waitlist, facility) = await YouthListAsync();
        var first = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-01-01");
        var second = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-03-01");
        var unit = await _make.UnitAsync(facility);
        var offer = (await OfferNext(waitlist, unit)).Json;
        Assert.Equal(first, offer.GetProperty("WaitlistEntryId").GetInt32());
        var declined = await api.OData.SendJsonAsync(HttpMethod.Post,
            $"/odata/Offers({offer.GetProperty("Id").GetInt32()})/HousingCapacity.Decline",
            """{"reason":"For langt fra netværk og behandling"}""");
        Assert.Equal("Declined", declined.Json.GetProperty("Status").GetString());
        Assert.Equal("Waiting", (await api.OData.GetAsync($"/odata/WaitlistEntries({first})")).Json.GetProperty("Status").GetString());
        Assert.Equal(second, (await OfferNext(waitlist, unit)).Json.GetProperty("WaitlistEntryId").GetInt32());
        Assert.Equal(first, (await OfferNext(waitlist, await _make.UnitAsync(facility))).Json.GetProperty("WaitlistEntryId").GetInt32());
        var noReason = await api.OData.SendJsonAsync(HttpMethod.Post,
            $"/odata/Offers({offer.GetProperty("Id").GetInt32()})/HousingCapacity.Decline", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
    }

    [Fact]
    public async Task Offer_PastRespondBy_Expires_AndTheUnitCanBeOfferedOn()
    {
        var (waitlist, facility) = await YouthListAsync();
        var first = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-01-01");
        var second = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-02-01");
        var unit = await _make.UnitAsync(facility);
        var offer = (await OfferNext(waitlist, unit)).Json;
        Assert.Equal("2026-11-27", offer.GetProperty("RespondBy").GetString()); // Sunday + 5 weekdays = Friday
        var start = api.Clock.GetCurrentInstant();
        try
        {
            api.Clock.Reset(Instant.FromUtc(2026, 11, 28, 10, 0)); // Saturday: past RespondBy
            var late = await api.OData.SendJsonAsync(HttpMethod.Post,
                $"/odata/Offers({offer.GetProperty("Id").GetInt32()})/HousingCapacity.Accept", "");
            Assert.Equal(HttpStatusCode.Conflict, late.Status);
            Assert.Equal("OfferExpired", late.ErrorCode);
            var next = await OfferNext(waitlist, unit);
            Assert.Equal(HttpStatusCode.OK, next.Status);
            // The first entry went back to Waiting with its place: it is offered the unit again, being first.
            Assert.Equal(first, next.Json.GetProperty("WaitlistEntryId").GetInt32());
            Assert.Equal("Expired",
                (await api.OData.GetAsync($"/odata/Offers({offer.GetProperty("Id").GetInt32()})")).Json.GetProperty("Status").GetString());
        }
        finally
        {
            api.Clock.Reset(start);
        }
        _ = second;
    }

    [Fact]
    public async Task Accept_HousingFirstOffer_NeedsASupportMethod()
    {
        var facility = await _make.FacilityAsync("HousingFirst");
        var waitlist = await WaitlistAsync("HousingFirst");
        await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-45)), "2026-01-01");
        var offer = (await OfferNext(waitlist, await _make.UnitAsync(facility))).Json.GetProperty("Id").GetInt32();
        var without = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Offers({offer})/HousingCapacity.Accept", "{}");
        Assert.Equal(["SupportMethodRequired"], without.DetailCodes());
        Assert.Equal("Pending", (await api.OData.GetAsync($"/odata/Offers({offer})")).Json.GetProperty("Status").GetString());
        var with = await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Offers({offer})/HousingCapacity.Accept",
            """{"supportMethod":"ACT"}""");
        Assert.Equal("ACT", with.Json.GetProperty("SupportMethod").GetString());
    }

    /// <summary>
    /// Issue 26.2: a closed month is counted as it stood at its end. Six people waited through October; today one accepts an offer
    /// and two are withdrawn. October's report is the same afterwards, while November's (still going on) counts the answer. A
    /// correction of a closed month's own data dates its report "rettet" and leaves the months before it as they were.
    /// </summary>
    [Fact]
    public async Task ClosedMonth_IsTheSame_AfterTodaysOffersAndWithdrawals()
    {
        var (waitlist, facility) = await YouthListAsync();
        var entries = new List<int>();
        for (var i = 1; i <= 6; i++)
            entries.Add(await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), $"2026-09-0{i}"));
        // The unit is there before: units have no history yet, so a unit added today would count in October's capacity.
        var unit = await _make.UnitAsync(facility);
        using var committee = api.HttpAs(Api.Security.Role.Committee, 175);
        async Task<System.Text.Json.Nodes.JsonObject> Report(string month)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(await committee.GetStringAsync($"/reports/monthly/175/{month}.json"))!
                .AsObject();
            json.Remove("GeneratedAt");
            return json;
        }
        var october = await Report("2026-10");
        var november = await Report("2026-11");
        var name = (await api.OData.GetAsync($"/odata/Waitlists({waitlist})")).Json.GetProperty("Name").GetString();
        var list = october["Waitlists"]!.AsArray().Single(w => w!["Name"]!.GetValue<string>() == name)!;
        Assert.True(list["EntriesAtMonthEnd"]!.GetValue<int>() >= 6, list.ToJsonString());

        var offer = (await OfferNext(waitlist, unit)).Json.GetProperty("Id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await api.OData.SendJsonAsync(HttpMethod.Post, $"/odata/Offers({offer})/HousingCapacity.Accept",
            "")).Status);
        foreach (var withdrawn in entries.Skip(4))
            Assert.Equal(HttpStatusCode.NoContent, (await api.OData.SendJsonAsync(HttpMethod.Patch, $"/odata/WaitlistEntries({withdrawn})",
                """{"Status":"Withdrawn"}""")).Status);
        Assert.Equal("2026-11-22", (await api.OData.GetAsync($"/odata/WaitlistEntries({entries[5]})")).Json.GetProperty("ClosedOn")
            .GetString());

        Assert.Equal(october.ToJsonString(), (await Report("2026-10")).ToJsonString());
        Assert.NotEqual(november.ToJsonString(), (await Report("2026-11")).ToJsonString()); // recomputed, not served from a cache

        // The set-up registered today applications made in September: a correction of September and October, so both say "rettet"
        // with today's date. A month long before anything else in this fixture (May 2023) is unmarked until an application made
        // then is registered, and the month before it stays as it was.
        Assert.Equal("2026-11-22", october["CorrectedOn"]!.GetValue<string>());
        var may = await Report("2023-05");
        var april = await Report("2023-04");
        Assert.Null(may["CorrectedOn"]);
        await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-22)), "2023-05-10");
        Assert.Equal("2026-11-22", (await Report("2023-05"))["CorrectedOn"]!.GetValue<string>());
        Assert.Equal(april.ToJsonString(), (await Report("2023-04")).ToJsonString());
    }

    [Fact]
    public async Task WaitlistEntry_StatusOfferedCannotBeSetByHand()
    {
        var (waitlist, _) = await YouthListAsync();
        var entry = await EntryAsync(waitlist, await _make.PersonAsync(Today.PlusYears(-20)), "2026-01-01");
        var reply = await api.OData.SendJsonAsync(HttpMethod.Patch, $"/odata/WaitlistEntries({entry})", """{"Status":"Housed"}""");
        Assert.Equal("StatusFollowsOffers", reply.ErrorCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.OData.SendJsonAsync(HttpMethod.Patch, $"/odata/WaitlistEntries({entry})",
            """{"Status":"Withdrawn"}""")).Status);
    }
}

public class WaitlistJoinTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Join_YouthHousingWaitlist_OutsideTheAgeBand_IsAgeRestricted()
    {
        var make = new Builders(api);
        var waitlist = (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Waitlists",
            """{"MunicipalityId":1,"Name":"Unge","Kind":"YouthHousing"}""")).Json.GetProperty("Id").GetInt32();
        var old = await make.PersonAsync(ApiFixture.Today.PlusYears(-30));
        var reply = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/WaitlistEntries",
            $$"""{"WaitlistId":{{waitlist}},"PersonId":{{old}}}""");
        Assert.Equal((HttpStatusCode)422, reply.Status);
        Assert.Equal("AgeRestricted", reply.ErrorCode);
        var young = await make.PersonAsync(ApiFixture.Today.PlusYears(-24));
        Assert.Equal(HttpStatusCode.Created, (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/WaitlistEntries",
            $$"""{"WaitlistId":{{waitlist}},"PersonId":{{young}}}""")).Status);
    }

    [Theory]
    [InlineData("Offered")]
    [InlineData("Housed")]
    [InlineData("Withdrawn")]
    [InlineData("Waiting")]
    public async Task Join_WithAStatus_IsRefused_AnEntryBeginsWaiting(string status)
    {
        var make = new Builders(api);
        var waitlist = (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Waitlists",
            """{"MunicipalityId":1,"Name":"Skæve boliger","Kind":"SkaevBolig"}""")).Json.GetProperty("Id").GetInt32();
        var person = await make.PersonAsync(ApiFixture.Today.PlusYears(-40));
        var reply = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/WaitlistEntries",
            $$"""{"WaitlistId":{{waitlist}},"PersonId":{{person}},"Status":"{{status}}"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "ReadOnlyProperty"), (reply.Status, reply.ErrorCode));
        var joined = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/WaitlistEntries",
            $$"""{"WaitlistId":{{waitlist}},"PersonId":{{person}}}""");
        Assert.Equal("Waiting", joined.Json.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Turnaway_RecordedByStaff_AnonymousOrNamed()
    {
        var anonymous = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways", """{"FacilityId":1,"Reason":"Full"}""");
        Assert.Equal(HttpStatusCode.Created, anonymous.Status);
        Assert.Equal(ApiFixture.Today.ToString("yyyy-MM-dd", null), anonymous.Json.GetProperty("Date").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, anonymous.Json.GetProperty("PersonId").ValueKind);
        var named = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            """{"FacilityId":1,"Reason":"YouthInSection110","PersonId":3,"Date":"2026-11-20"}""");
        Assert.Equal(HttpStatusCode.Created, named.Status);
        Assert.Equal("DateInFuture", (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            """{"FacilityId":1,"Reason":"Full","Date":"2026-12-01"}""")).ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            """{"FacilityId":1,"Reason":"Bored"}""")).Status);
    }
}
