using System.Text;
using System.Text.RegularExpressions;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The role × endpoint matrix: every entity set, key, navigation, $expand, $filter/$orderby/$apply path over a navigation,
/// action, function, report and import, for every role, against the roles as issue 5 states them. The table below is written
/// out here on purpose, not read from AccessPolicy: a change to the policy must show up as a failing test.
/// </summary>
public partial class AccessMatrixTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // Extra beds opened for a period are capacity, read as the units are (issue 28.4).
    private static readonly string[] Catalogue = ["Municipalities", "Facilities", "Units", "YouthPolicies", "ExtraBeds"];
    private static readonly string[] ShelterSets =
        [.. Catalogue, "CapacityReports", "Persons", "Placements", "Turnaways", "BedHolds", "SupportPeriods"];
    private static readonly string[] AllSets =
        [.. ShelterSets, "Waitlists", "WaitlistEntries", "Offers", "NoticedStays", "Transitions"];

    private static readonly Dictionary<Role, string[]> Reads = new()
    {
        [Role.HousingOfficer] = AllSets,
        [Role.ShelterStaff] = ShelterSets,
        [Role.Committee] = Catalogue,
        [Role.Administrator] = Catalogue,
    };

    private static readonly Dictionary<Role, string[]> Writes = new()
    {
        [Role.HousingOfficer] =
            ["Persons", "Placements", "Turnaways", "BedHolds", "Waitlists", "WaitlistEntries", "NoticedStays", "Transitions", "ExtraBeds"],
        [Role.ShelterStaff] = ["Units", "CapacityReports", "Persons", "Placements", "Turnaways", "BedHolds", "ExtraBeds"],
        [Role.Committee] = [],
        [Role.Administrator] = Catalogue,
    };

    /// <summary>Sets a role may only add to: staff record a transition they hear of (issue 28) but neither read nor change one.</summary>
    private static readonly Dictionary<Role, string[]> CreatesOnly = new() { [Role.ShelterStaff] = ["Transitions"] };

    private static readonly string[] ShelterOperations =
        ["Placements/CheckIn", "Placements/Discharge", "Placements/MarkNotified", "Facilities/Availability", "Persons/EligiblePlaces",
            "Placements/LongStays", "Persons/FindByCpr", "Persons/AddCpr", "Persons/RegisterWithoutCpr", "Persons/CountingYear",
            "Persons/UpdateAge", "Persons/KnownWithoutCpr", "Placements/Admit", "Placements/RefuseAdmission"];

    private static readonly Dictionary<Role, string[]> Calls = new()
    {
        [Role.HousingOfficer] = [.. ShelterOperations, "Placements/RenewSupport", "Waitlists/OfferNext", "Offers/Accept", "Offers/Decline",
            "Persons/AccessLog", "Placements/ExtendSupport", "Placements/ChangeSupportMethod", "Placements/ChangeResponsibleMunicipality",
            "Placements/OpenYouthExceptions", "Placements/MinorsAtAdultPlaces", "Persons/MergeInto", "Placements/Cancel",
            "Placements/RecordHousingSupportAfterSection107", "Placements/RefusionPeriods", "Transitions/Secure", "Transitions/Decline",
            "Transitions/Worklist", "ExtraBeds/Close"],
        [Role.ShelterStaff] = [.. ShelterOperations, "ExtraBeds/Close"],
        [Role.Committee] = [],
        [Role.Administrator] = ["ExtraBeds/Close"],
    };

    public static TheoryData<Role> Roles => new(Enum.GetValues<Role>());

    [GeneratedRegex(@"(?<!\d)\d{6}-?\d{4}(?!\d)")]
    private static partial Regex CprLike();

    /// <summary>Records of every set at one facility of Rødovre that every role reading the set may see.</summary>
    private sealed record Sample(int MunicipalityId, int FacilityId, Dictionary<string, int> Keys, string PersonCpr);

    // xUnit makes a new instance per test and runs one class's tests one at a time: the sample is kept per fixture.
    private static readonly Dictionary<ApiFixture, Sample> Samples = [];

    private async Task<Sample> SampleAsync()
    {
        if (Samples.TryGetValue(api, out var known)) return known;
        await using var db = api.NewDb();
        var municipality = await db.Municipalities.SingleAsync(m => m.Code == 175);
        var stay = await db.Placements
            .Where(p => p.EndDate == null && p.Facility!.MunicipalityId == municipality.Id && p.Person!.MunicipalityId == municipality.Id
                        && db.Turnaways.Any(t => t.FacilityId == p.FacilityId) && db.CapacityReports.Any(r => r.FacilityId == p.FacilityId))
            .OrderBy(p => p.Id).FirstAsync();
        var person = await db.Persons.SingleAsync(p => p.Id == stay.PersonId);
        var entry = await db.WaitlistEntries.Where(e => e.Waitlist!.MunicipalityId == municipality.Id
            && db.Offers.Any(o => o.WaitlistEntryId == e.Id))
            .OrderBy(e => e.Id).FirstAsync();
        // Bed holds are short-lived and not in the demo data: one is put straight in (the facility may be full tonight).
        var unit = await db.Units.Where(u => u.FacilityId == stay.FacilityId).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var hold = new BedHold(stay.FacilityId, unit, null, ApiFixture.Today, api.Clock.GetCurrentInstant(), NodaTime.Duration.FromHours(2),
            "matrix", "Matrix");
        db.BedHolds.Add(hold);
        // A support period of the sample stay, put straight in (the demo data has them only at Housing First homes).
        if (db.Entry(stay).State == EntityState.Detached) db.Attach(stay);
        var period = new SupportPeriod(stay, SupportMethod.ICM, ApiFixture.Today, null, "matrix", "matrix");
        db.SupportPeriods.Add(period);
        // A youth policy of the sample's municipality (the demo data gives one to Slagelse only).
        var youthPolicy = new YouthPolicy(municipality.Id, new NodaTime.LocalDate(2020, 1, 1), true, 18, 24, "Matrix", 2020, "matrix");
        db.YouthPolicies.Add(youthPolicy);
        // A §110 stay elsewhere known from a notice, long before the sample's stays.
        var noticed = new NoticedStay(person.Id, municipality.Id, "Matrix Herberg", 101,
            new DateRange(ApiFixture.Today.PlusDays(-400), ApiFixture.Today.PlusDays(-395)), ApiFixture.Today.PlusDays(-398),
            ApiFixture.Today, "matrix");
        db.NoticedStays.Add(noticed);
        var transition = new Transition(person.Id, municipality.Id, TransitionKind.Other, ApiFixture.Today.PlusDays(20), "Matrix",
            "Matrix", ApiFixture.Today, null, null, ApiFixture.Today, "matrix");
        db.Transitions.Add(transition);
        var extraBeds = new ExtraBeds(stay.FacilityId, ApiFixture.Today.PlusDays(30), ApiFixture.Today.PlusDays(31), 2,
            ExtraBedsReason.ColdWeather, null, ApiFixture.Today, api.Clock.GetCurrentInstant(), "matrix");
        db.ExtraBeds.Add(extraBeds);
        await db.SaveChangesAsync();
        var sample = new Sample(municipality.Id, stay.FacilityId, new Dictionary<string, int>
        {
            ["Municipalities"] = municipality.Id,
            ["Facilities"] = stay.FacilityId,
            ["YouthPolicies"] = youthPolicy.Id,
            ["NoticedStays"] = noticed.Id,
            ["Transitions"] = transition.Id,
            ["ExtraBeds"] = extraBeds.Id,
            ["Units"] = unit,
            ["CapacityReports"] = await db.CapacityReports.Where(r => r.FacilityId == stay.FacilityId).Select(r => r.Id).FirstAsync(),
            ["Persons"] = person.Id,
            ["Placements"] = stay.Id,
            ["Turnaways"] = await db.Turnaways.Where(t => t.FacilityId == stay.FacilityId).Select(t => t.Id).FirstAsync(),
            ["BedHolds"] = hold.Id,
            ["SupportPeriods"] = period.Id,
            ["Waitlists"] = entry.WaitlistId,
            ["WaitlistEntries"] = entry.Id,
            ["Offers"] = await db.Offers.Where(o => o.WaitlistEntryId == entry.Id).Select(o => o.Id).FirstAsync(),
        }, person.Cpr!);
        Samples[api] = sample;
        return sample;
    }

    private ODataTestClient ClientFor(Role role, Sample sample) =>
        role == Role.ShelterStaff ? api.Staff(sample.FacilityId) : api.As(role, 175);

    /// <summary>Every read path the model offers, with the entity sets it touches.</summary>
    private static IEnumerable<(string Url, string[] Touches)> ReadPaths(IEdmModel model, Sample sample)
    {
        foreach (var set in model.EntityContainer.EntitySets())
        {
            var name = set.Name;
            Assert.True(sample.Keys.ContainsKey(name), $"The matrix has no sample record of {name}: add it.");
            var key = sample.Keys[name];
            yield return ($"/odata/{name}?$top=3", [name]);
            yield return ($"/odata/{name}/$count", [name]);
            yield return ($"/odata/{name}({key})", [name]);
            foreach (var nav in set.EntityType.NavigationProperties())
            {
                var target = set.FindNavigationTarget(nav).Name;
                string[] both = [name, target];
                var many = nav.Type.IsCollection();
                yield return ($"/odata/{name}({key})/{nav.Name}", both);
                yield return ($"/odata/{name}?$top=3&$expand={nav.Name}", both);
                yield return ($"/odata/{name}({key})?$expand={nav.Name}", both);
                if (many)
                {
                    yield return ($"/odata/{name}({key})/{nav.Name}/$count", both);
                    yield return ($"/odata/{name}?$top=3&$filter={nav.Name}/any()", both);
                    yield return ($"/odata/{name}?$top=3&$filter={nav.Name}/$count gt 0", both);
                    yield return ($"/odata/{name}?$top=3&$orderby={nav.Name}/$count desc", both);
                    yield return ($"/odata/{name}?$apply=filter({nav.Name}/any())/aggregate($count as N)", both);
                }
                else
                {
                    yield return ($"/odata/{name}?$top=3&$filter={nav.Name}/Id gt 0", both);
                    yield return ($"/odata/{name}?$top=3&$orderby={nav.Name}/Id desc", both);
                    yield return ($"/odata/{name}?$apply=groupby(({nav.Name}/Id),aggregate($count as N))", both);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryReadPath_IsAllowedOrForbidden_AsTheRoleTableSays(Role role)
    {
        var sample = await SampleAsync();
        var client = ClientFor(role, sample);
        var wrong = new List<string>();
        var paths = 0;
        foreach (var (url, touches) in ReadPaths(api.OData.Model, sample))
        {
            paths++;
            var allowed = touches.All(Reads[role].Contains);
            var reply = await client.GetAsync(url);
            if (allowed && reply.Status != HttpStatusCode.OK)
                wrong.Add($"{url}: expected 200, got {(int)reply.Status} {reply.Body}");
            if (!allowed && reply.Status != HttpStatusCode.Forbidden)
                wrong.Add($"{url}: expected 403, got {(int)reply.Status} {Shorten(reply.Body)}");
            if (!allowed && reply.Status == HttpStatusCode.Forbidden && !reply.ErrorMessage.Contains(role.ToString(),
                StringComparison.Ordinal))
                wrong.Add($"{url}: the 403 does not say which role was refused: {reply.Body}");
            wrong.AddRange(PersonDataThatMustNotBeThere(role, url, reply.Body, sample));
        }
        Assert.True(paths > 100, $"only {paths} paths walked");
        Assert.True(wrong.Count == 0, $"{role}:\n" + string.Join("\n", wrong));
    }

    /// <summary>Every action and function in the model, called with a record the role may see.</summary>
    private static IEnumerable<(string Operation, HttpMethod Method, string Url, string? Body)> Operations(Sample s)
    {
        var k = s.Keys;
        // No facility given: an allowed role gets the action's own 400.
        yield return ("Placements/CheckIn", HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
            $$"""{"cpr":"{{s.PersonCpr}}"}""");
        yield return ("Placements/Discharge", HttpMethod.Post, $"/odata/Placements({k["Placements"]})/HousingCapacity.Discharge",
            """{"endDate":"1900-01-01"}""");
        // Without a reason: an allowed role gets the action's own 400, and nothing is cancelled.
        yield return ("Placements/Admit", HttpMethod.Post, $"/odata/Placements({k["Placements"]})/HousingCapacity.Admit", "{}");
        yield return ("Placements/RefuseAdmission", HttpMethod.Post,
            $"/odata/Placements({k["Placements"]})/HousingCapacity.RefuseAdmission", """{"nonsense":1}""");
        yield return ("Placements/Cancel", HttpMethod.Post, $"/odata/Placements({k["Placements"]})/HousingCapacity.Cancel", "{}");
        yield return ("Placements/MarkNotified", HttpMethod.Post, $"/odata/Placements({k["Placements"]})/HousingCapacity.MarkNotified",
            "{}");
        yield return ("Placements/RenewSupport", HttpMethod.Post, $"/odata/Placements({k["Placements"]})/HousingCapacity.RenewSupport",
            """{"nonsense":1}""");
        yield return ("Waitlists/OfferNext", HttpMethod.Post, $"/odata/Waitlists({k["Waitlists"]})/HousingCapacity.OfferNext",
            """{"nonsense":1}""");
        yield return ("Offers/Accept", HttpMethod.Post, $"/odata/Offers({k["Offers"]})/HousingCapacity.Accept", """{"nonsense":1}""");
        yield return ("Offers/Decline", HttpMethod.Post, $"/odata/Offers({k["Offers"]})/HousingCapacity.Decline", """{"nonsense":1}""");
        yield return ("Facilities/Availability", HttpMethod.Get, "/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)", null);
        yield return ("Persons/EligiblePlaces", HttpMethod.Get,
            $"/odata/Persons({k["Persons"]})/HousingCapacity.EligiblePlaces(date=2026-11-22)", null);
        yield return ("Placements/LongStays", HttpMethod.Get, "/odata/Placements/HousingCapacity.LongStays(date=2026-11-22)", null);
        yield return ("Persons/FindByCpr", HttpMethod.Get, $"/odata/Persons/HousingCapacity.FindByCpr(cpr='{s.PersonCpr}')", null);
        yield return ("Persons/KnownWithoutCpr", HttpMethod.Get,
            $"/odata/Persons/HousingCapacity.KnownWithoutCpr(facilityId={k["Facilities"]})", null);
        yield return ("Persons/AccessLog", HttpMethod.Get, $"/odata/Persons({k["Persons"]})/HousingCapacity.AccessLog()", null);
        yield return ("Persons/CountingYear", HttpMethod.Get,
            $"/odata/Persons({k["Persons"]})/HousingCapacity.CountingYear(date=2026-11-22)",
            null);
        yield return ("Persons/AddCpr", HttpMethod.Post, $"/odata/Persons({k["Persons"]})/HousingCapacity.AddCpr", """{"nonsense":1}""");
        yield return ("Persons/UpdateAge", HttpMethod.Post, $"/odata/Persons({k["Persons"]})/HousingCapacity.UpdateAge",
            """{"nonsense":1}""");
        yield return ("Persons/MergeInto", HttpMethod.Post, $"/odata/Persons({k["Persons"]})/HousingCapacity.MergeInto",
            """{"nonsense":1}""");
        yield return ("Persons/RegisterWithoutCpr", HttpMethod.Post, "/odata/Persons/HousingCapacity.RegisterWithoutCpr",
            """{"nonsense":1}""");
        yield return ("Placements/ExtendSupport", HttpMethod.Post, $"/odata/Placements({k["Placements"]})/HousingCapacity.ExtendSupport",
            """{"nonsense":1}""");
        yield return ("Placements/ChangeSupportMethod", HttpMethod.Post,
            $"/odata/Placements({k["Placements"]})/HousingCapacity.ChangeSupportMethod", """{"nonsense":1}""");
        yield return ("Placements/ChangeResponsibleMunicipality", HttpMethod.Post,
            $"/odata/Placements({k["Placements"]})/HousingCapacity.ChangeResponsibleMunicipality", """{"nonsense":1}""");
        yield return ("Placements/OpenYouthExceptions", HttpMethod.Get, "/odata/Placements/HousingCapacity.OpenYouthExceptions()", null);
        yield return ("Placements/MinorsAtAdultPlaces", HttpMethod.Get, "/odata/Placements/HousingCapacity.MinorsAtAdultPlaces()", null);
        yield return ("Placements/RefusionPeriods", HttpMethod.Get, "/odata/Placements/HousingCapacity.RefusionPeriods()", null);
        yield return ("Placements/RecordHousingSupportAfterSection107", HttpMethod.Post,
            $"/odata/Placements({k["Placements"]})/HousingCapacity.RecordHousingSupportAfterSection107", """{"nonsense":1}""");
        yield return ("Transitions/Secure", HttpMethod.Post, $"/odata/Transitions({k["Transitions"]})/HousingCapacity.Secure",
            """{"nonsense":1}""");
        yield return ("Transitions/Decline", HttpMethod.Post, $"/odata/Transitions({k["Transitions"]})/HousingCapacity.Decline",
            """{"nonsense":1}""");
        yield return ("Transitions/Worklist", HttpMethod.Get, "/odata/Transitions/HousingCapacity.Worklist()", null);
        // Closing after the last night: an allowed role gets the rule's own 422, and nothing is closed.
        yield return ("ExtraBeds/Close", HttpMethod.Post, $"/odata/ExtraBeds({k["ExtraBeds"]})/HousingCapacity.Close",
            """{"lastNight":"2027-06-01"}""");
    }

    [Fact]
    public async Task TheMatrix_CoversEveryActionAndFunctionInTheModel()
    {
        var sample = await SampleAsync();
        var model = api.OData.Model;
        string BoundTo(IEdmOperation o)
        {
            var type = o.Parameters.First().Type;
            return ((IEdmEntityType)(type.IsCollection() ? type.AsCollection().ElementType() : type).Definition).Name;
        }
        var inModel = model.SchemaElements.OfType<IEdmOperation>().Select(o => $"{BoundTo(o)}/{o.Name}").ToHashSet();
        var setOfType = model.EntityContainer.EntitySets().ToDictionary(s => s.EntityType.Name, s => s.Name);
        Assert.Equal(inModel.Select(o => setOfType[o.Split('/')[0]] + "/" + o.Split('/')[1]).Order(),
            Operations(sample).Select(o => o.Operation).Order());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryActionAndFunction_IsAllowedOrForbidden_AsTheRoleTableSays(Role role)
    {
        var sample = await SampleAsync();
        var client = ClientFor(role, sample);
        var wrong = new List<string>();
        foreach (var (operation, method, url, body) in Operations(sample))
        {
            var allowed = Calls[role].Contains(operation);
            var reply = body is null ? await client.GetAsync(url) : await client.SendJsonAsync(method, url, body);
            // Allowed calls are made with harmless arguments (a discharge before the stay began, unknown parameters):
            // what matters is that they got past access control, to the operation's own answer.
            if (allowed && reply.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                wrong.Add($"{method} {url}: expected to be let through, got {(int)reply.Status} {reply.Body}");
            // Functions have nothing to refuse in these arguments: they must answer.
            if (allowed && method == HttpMethod.Get && reply.Status != HttpStatusCode.OK)
                wrong.Add($"{method} {url}: expected 200, got {(int)reply.Status} {reply.Body}");
            if (!allowed && reply.Status != HttpStatusCode.Forbidden)
                wrong.Add($"{method} {url}: expected 403, got {(int)reply.Status} {Shorten(reply.Body)}");
            wrong.AddRange(PersonDataThatMustNotBeThere(role, url, reply.Body, sample));
        }
        Assert.True(wrong.Count == 0, $"{role}:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryWrite_IsAllowedOrForbidden_AsTheRoleTableSays(Role role)
    {
        var sample = await SampleAsync();
        var client = ClientFor(role, sample);
        var wrong = new List<string>();
        await using var before = api.NewDb();
        var rowsBefore = await CountRowsAsync(before);
        foreach (var set in api.OData.Model.EntityContainer.EntitySets().Select(s => s.Name))
        {
            var createsOnly = CreatesOnly.GetValueOrDefault(role, []).Contains(set);
            var allowed = Writes[role].Contains(set) || createsOnly;
            // Empty or unknown-property bodies: an allowed role gets the writer's own 400 (or 405 where the set has no such
            // write), a forbidden role 403 (or 405, which says the same to everyone). Nothing is written either way.
            foreach (var (method, url, body) in new[]
                     {
                         (HttpMethod.Post, $"/odata/{set}", """{"NoSuchProperty":1}"""),
                         (HttpMethod.Patch, $"/odata/{set}({sample.Keys[set]})", """{"NoSuchProperty":1}"""),
                         (HttpMethod.Delete, $"/odata/{set}({sample.Keys[set]})", null),
                     })
            {
                var request = new HttpRequestMessage(method, url);
                if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                // A stale ETag: even an allowed delete must not happen.
                request.Headers.TryAddWithoutValidation("If-Match", "W/\"999999\"");
                var reply = await client.SendAsync(request);
                if (createsOnly && method != HttpMethod.Post)
                {
                    // Not readable, so not there to change (404), or not theirs to change (403), or never changed (405).
                    if (reply.Status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
                        wrong.Add($"{method} {url}: expected 403, 404 or 405, got {(int)reply.Status} {Shorten(reply.Body)}");
                    continue;
                }
                if (allowed && reply.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                    wrong.Add($"{method} {url}: expected to be let through, got {(int)reply.Status} {reply.Body}");
                if (!allowed && reply.Status is not (HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed))
                    wrong.Add($"{method} {url}: expected 403 (or 405), got {(int)reply.Status} {Shorten(reply.Body)}");
                if ((int)reply.Status < 400) wrong.Add($"{method} {url}: a nonsense write succeeded ({(int)reply.Status})");
            }
        }
        await using var after = api.NewDb();
        Assert.Equal(rowsBefore, await CountRowsAsync(after));
        Assert.True(wrong.Count == 0, $"{role}:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Reports_AreForTheCommitteeAndOfficersOfTheirOwnMunicipality(Role role)
    {
        var sample = await SampleAsync();
        using var http = role == Role.ShelterStaff ? api.HttpAs(role, 175, sample.FacilityId) : api.HttpAs(role, 175);
        var mayRead = role is Role.Committee or Role.HousingOfficer;
        foreach (var format in new[] { "pdf", "json", "csv", "xlsx" })
        {
            using var own = await http.GetAsync($"/reports/monthly/175/2026-10.{format}");
            Assert.Equal(mayRead ? HttpStatusCode.OK : HttpStatusCode.Forbidden, own.StatusCode);
            using var other = await http.GetAsync($"/reports/monthly/167/2026-10.{format}");
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task CapacityImport_IsForShelterStaffOfTheFacilityAndTheAdministrator(Role role)
    {
        var sample = await SampleAsync();
        using var http = role == Role.ShelterStaff ? api.HttpAs(role, 175, sample.FacilityId) : api.HttpAs(role, 175);
        await using var db = api.NewDb();
        var report = await db.CapacityReports.Where(r => r.FacilityId == sample.FacilityId).OrderByDescending(r => r.Date).FirstAsync();
        var csv = $"{sample.FacilityId};{report.Date:dd-MM-yyyy};{report.BedsInService};{report.BedsOccupied};{report.BedsOutOfService}";
        using var reply = await http.PostAsync("/imports/capacity-reports", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(role is Role.ShelterStaff or Role.Administrator ? HttpStatusCode.OK : HttpStatusCode.Forbidden, reply.StatusCode);
    }

    /// <summary>What a role must never get in a body: any person data for Committee and Administrator, a CPR number for staff.</summary>
    private static IEnumerable<string> PersonDataThatMustNotBeThere(Role role, string url, string body, Sample sample)
    {
        if (CprLike().Matches(body).Any(m => !m.Value.EndsWith("XXXX", StringComparison.Ordinal)) && role != Role.HousingOfficer)
            yield return $"{url}: a CPR number in the body for {role}";
        if (role is Role.Committee or Role.Administrator
            && (body.Contains("\"PersonId\"", StringComparison.Ordinal) || body.Contains("\"FirstName\"", StringComparison.Ordinal)))
            yield return $"{url}: person data in the body for {role}: {Shorten(body)}";
        _ = sample;
    }

    private static async Task<string> CountRowsAsync(Data.HousingDbContext db) => string.Join(",",
        await db.Municipalities.CountAsync(), await db.Facilities.CountAsync(), await db.Units.CountAsync(),
            await db.CapacityReports.CountAsync(),
        await db.Persons.CountAsync(), await db.Placements.CountAsync(), await db.Turnaways.CountAsync(), await db.BedHolds.CountAsync(),
        await db.Waitlists.CountAsync(), await db.WaitlistEntries.CountAsync(), await db.Offers.CountAsync(),
        await db.Placements.SumAsync(p => p.Version), await db.Units.SumAsync(u => u.Version),
            await db.CapacityReports.SumAsync(r => r.Version));

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
