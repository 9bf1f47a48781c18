using System.Text;
using System.Text.RegularExpressions;
using HousingCapacity.Api.Security;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// A deterministic fuzz run over README's requests (issue 10, finding 4): a fixed-seed mutator makes 3,200 variants — random
/// characters, truncation, wrong types, unicode, huge numbers, injection strings, %00, invalid UTF-8 — and sends them as a
/// housing officer and as shelter staff, over Kestrel on loopback (so that they travel as bytes, as an attacker's would). None
/// may answer 5xx, carry a stack trace, or show a CPR-like number.
/// </summary>
public partial class FuzzTests(KestrelApiFixture api) : IClassFixture<KestrelApiFixture>
{
    private const int Seed = 20261201;
    private const int Requests = 3200;

    /// <summary>README's requests (its curl section), as method, path and query, body.</summary>
    private static readonly (string Method, string Url, string? Body)[] Readme =
    [
        ("GET", "/odata", null),
        ("GET", "/odata/$metadata", null),
        ("GET", "/odata/$metadata?$format=json", null),
        ("GET", "/odata/Facilities(1)", null),
        ("GET", "/odata/Facilities(1)/Units?$filter=Status eq 'InService'&$select=Label,Beds", null),
        ("GET", "/odata/Placements/$count?$filter=EndDate eq null", null),
        ("GET", "/odata/Placements?$filter=StartDate ge 2026-09-01 and Facility/Kind eq 'Section110Shelter'&$orderby=StartDate " +
            "desc&$top=20&$count=true&$expand=Unit($select=Label),Facility($select=Name)", null),
        ("GET", "/odata/Facilities?$filter=Units/any(u:u/Beds ge 2)&$select=Name,Kind", null),
        ("GET", "/odata/CapacityReports?$apply=groupby((Facility/Kind),aggregate(BedsOccupied with sum as Occupied,BedsInService with " +
            "sum as InService))&$orderby=Occupied desc", null),
        ("GET", "/odata/Persons?$filter=BirthDate gt 2002-01-01 and Placements/all(p:p/EndDate ne null)&$top=1&$select=Id,BirthDate", null),
        ("GET", "/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)?$filter=BedsFree gt 0&$orderby=BedsFree desc", null),
        ("GET", "/odata/Persons(1)/HousingCapacity.EligiblePlaces(date=2026-11-22)", null),
        ("GET", "/odata/Placements/HousingCapacity.LongStays(date=2026-11-22)", null),
        ("GET", "/odata/Persons/HousingCapacity.FindByCpr(cpr='010190-2345')", null),
        ("GET", "/odata/Placements?$filter=NotifiedOn eq null and NotificationDueDate lt 2026-11-22", null),
        ("GET", "/reports/monthly/175/2026-10.json", null),
        ("POST", "/odata/Placements", """{"PersonId":5,"FacilityId":1}"""),
        ("POST", "/odata/Placements",
            """{"PersonId":5,"FacilityId":1,"ExceptionJustification":"Ingen ungeplads ledig i nat; ellers gaden."}"""),
        ("POST", "/odata/Placements/HousingCapacity.CheckIn", """{"cpr":"010190-2345","facilityId":1}"""),
        ("POST", "/odata/CapacityReports", """{"FacilityId":1,"BedsOccupied":21}"""),
        ("POST", "/odata/Placements(1)/HousingCapacity.Discharge",
            """{"endDate":"2026-11-22","dischargeReason":"Planned","destination":"OwnHome"}"""),
        ("POST", "/odata/Placements(1)/HousingCapacity.MarkNotified", """{"notifiedOn":"2026-11-24"}"""),
        ("POST", "/odata/Turnaways", """{"FacilityId":1,"Reason":"Full","Date":"2026-11-22"}"""),
        ("POST", "/odata/BedHolds", """{"FacilityId":1,"Note":"På vej fra skadestuen"}"""),
        ("POST", "/odata/Persons", """{"Cpr":"010190-2345","FirstName":"Test","LastName":"Person","MunicipalityId":1}"""),
        ("POST", "/odata/Waitlists(1)/HousingCapacity.OfferNext", """{"unitId":3}"""),
        ("PATCH", "/odata/Facilities(1)", """{"Name":"Herberget Tårnvej (nyt navn)"}"""),
        ("PATCH", "/odata/Units(1)", """{"Beds":1}"""),
        // Issue 23's inputs: $ref, nested and navigation aggregates, functions and casts the service refuses, batches.
        ("GET", "/odata/Facilities(1)?$expand=Placements/$ref($filter=Person/Cpr eq '010190-2345')", null),
        ("GET", "/odata/Units?$apply=groupby((FacilityId),aggregate(Placements($count as n)))", null),
        ("GET", "/odata/BedHolds?$filter=ExpiresAt sub HeldAt gt duration'PT1H' and matchesPattern(Note,'^A')", null),
        ("GET", "/odata/Facilities(Id=1)/Units?$compute=Beds mul 2 as Twice", null),
        ("POST", "/odata/$batch",
            """{"requests":[{"id":"1","method":"GET","url":"http://other.example/odata/Facilities(1)"},{"id":"2","dependsOn":["1"],""" +
            """ "method":"GET","url":"$1"}]}"""),
        ("GET", "/odata/Placements/HousingCapacity.LongStays(date=0001-01-01)", null),
    ];

    private static readonly string[] Nasty =
    [
        "'", "''", "\"", "\\", "%00", "%", "%%", "%ZZ", "%C3%28", "(", ")", "((", "$", "$it", "/", "//", "..", "../../etc/passwd", ",", ";",
            "&", "=", "#",
        " or 1 eq 1", "' OR '1'='1", "'; DROP TABLE Persons; --", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "\u0000",
            "\u202e",
        "æøå ÆØÅ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🏠", "e\u0301", "\uFEFF", "\r\n", "\t", "null", "true", "NaN", "INF", "-INF", "1e400", "-0",
        "99999999999999999999999", "-2147483649", "2147483648", "0.0000000000000000000001", "2026-02-30", "9999-12-31", "0000-00-00",
        "010190-2345", "0101902345", "$filter=", "$expand=Person", "$select=FirstName", "any(x:", "/$count", "$apply=aggregate(", "cast(",
            "isof(",
    ];

    private static readonly string[] WrongValues =
    [
        "null", "true", "\"\"", "\"x\"", "[]", "{}", "[1,2]", "-1", "0", "1.5", "1e309", "99999999999999999999", "\"2026-13-45\"",
            "\"Castle\"",
        "\"010190-2345\"", "\"\\u0000\"", "\"" + new string('x', 3000) + "\"", "{\"a\":{\"b\":{\"c\":[[[[]]]]}}}",
    ];

    [Fact]
    public async Task FixedSeedMutations_OfReadmesRequests_NeverAnswer5xx_AStackTrace_OrACprNumber()
    {
        var random = new Random(Seed);
        var officer = ApiFixture.Token(Role.HousingOfficer);
        var staff = ApiFixture.Token(Role.ShelterStaff, 175, 1, 2);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        using var client = api.Factory.CreateClient();
        for (var i = 0; i < Requests; i++)
        {
            var (method, url, body) = Readme[random.Next(Readme.Length)];
            var mutatedUrl = random.Next(3) == 0 ? url : Mutate(url, random);
            byte[]? mutatedBody = body is null ? null : random.Next(4) == 0 ? Encoding.UTF8.GetBytes(body) : MutateBody(body, random);
            using var request = new HttpRequestMessage(new HttpMethod(method), ToUri(client.BaseAddress!, mutatedUrl));
            request.Headers.Authorization = new("Bearer", random.Next(2) == 0 ? officer : staff);
            if (mutatedBody is not null)
            {
                request.Content = new ByteArrayContent(mutatedBody);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            }
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var problem = status >= 500 ? "5xx"
                : text.Contains("   at ", StringComparison.Ordinal) || text.Contains("innererror", StringComparison.Ordinal) ? "stack trace"
                : CprLike().IsMatch(text) ? "CPR-like number"
                : null;
            if (problem is not null)
                failures.Add($"#{i} {problem}: {method} {mutatedUrl} {(mutatedBody is null ? "" : Encoding.UTF8.GetString(mutatedBody))} " +
                    $"-> {status} {text[..Math.Min(300, text.Length)]}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} failed:\n" + string.Join("\n", failures.Take(15)));
        // The run must reach past the parsers: some answers succeed, most of the rest are refusals.
        Assert.True(statuses.Where(s => s.Key < 300).Sum(s => s.Value) > Requests / 20, string.Join(", ", statuses.OrderBy(s => s.Key)));
        Assert.True(statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value) > Requests / 4, string.Join(", ",
            statuses.OrderBy(s => s.Key)));
    }

    private static string Mutate(string text, Random random)
    {
        var mutations = 1 + random.Next(3);
        for (var m = 0; m < mutations; m++)
        {
            var at = random.Next(text.Length + 1);
            text = random.Next(6) switch
            {
                0 => text[..at] + (char)random.Next(32, 127) + text[at..],
                1 when text.Length > 1 => text.Remove(Math.Min(at, text.Length - 1), 1),
                2 => text[..at],
                3 => text[..at] + Nasty[random.Next(Nasty.Length)] + text[at..],
                4 => Regex.Replace(text, @"\d+", _ => random.Next(3) == 0 ? Nasty[random.Next(Nasty.Length)] : random.Next(-5,
                    100000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => text[..at] + char.ConvertFromUtf32(random.Next(0xA0, 0x2FFF)) + text[at..],
            };
        }
        return text.Length == 0 ? "/" : text;
    }

    private static byte[] MutateBody(string json, Random random)
    {
        if (random.Next(5) == 0)
        {
            // Invalid UTF-8 somewhere in the body.
            var bytes = Encoding.UTF8.GetBytes(json).ToList();
            bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(0x80, 0x100));
            return [.. bytes];
        }
        var text = random.Next(2) == 0
            ? Regex.Replace(json, @"(?<=:)(""[^""]*""|-?\d+)",
                _ => random.Next(2) == 0 ? WrongValues[random.Next(WrongValues.Length)] : Nasty[random.Next(Nasty.Length)] is var n ? "\""
                    + n.Replace("\"", "\\\"") + "\"" : "")
            : Mutate(json, random);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The mutated path and query as a request URI; characters a URI cannot hold are escaped, the rest sent as they are.</summary>
    private static Uri ToUri(Uri server, string pathAndQuery)
    {
        var text = pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery;
        return Uri.TryCreate(server, text, out var uri) && uri.Authority == server.Authority ? uri : new Uri(server,
            Uri.EscapeDataString(text));
    }

    [GeneratedRegex(@"(?<!\d)\d{6}-?\d{4}(?!\d)")]
    private static partial Regex CprLike();
}
