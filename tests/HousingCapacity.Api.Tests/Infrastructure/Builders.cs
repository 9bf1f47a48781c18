using System.Text.Json;
using NodaTime;

namespace HousingCapacity.Api.Tests.Infrastructure;

/// <summary>
/// Small builders that make test records through the API, as a client would: persons and placements as the given client
/// (usually a housing officer), facilities and units as an Administrator.
/// </summary>
public sealed class Builders(ODataTestClient odata, ODataTestClient admin)
{
    public Builders(ApiFixture api) : this(api.OData, api.Admin) { }

    private static int _serial;

    /// <summary>A synthetic CPR number for the birth date and sex: the 7th digit gives the century.</summary>
    public static string Cpr(LocalDate birth, bool male)
    {
        var serial = Interlocked.Increment(ref _serial) % 100;
        var seventh = birth.Year >= 2000 ? 4 : 2;
        var last = (serial % 5) * 2 + (male ? 1 : 0);
        return $"{birth.Day:00}{birth.Month:00}{birth.Year % 100:00}-{seventh}{serial:00}{last}";
    }

    public async Task<int> PersonAsync(LocalDate birth, bool male = true, int municipalityId = 1) =>
        (await RegisterAsync(birth, male, municipalityId)).Id;

    /// <summary>A new person, with the CPR number they were registered with (for CheckIn).</summary>
    public async Task<(int Id, string Cpr)> RegisterAsync(LocalDate birth, bool male = true, int municipalityId = 1)
    {
        for (var attempt = 0; ; attempt++)
        {
            var cpr = Cpr(birth, male);
            var reply = await odata.SendJsonAsync(HttpMethod.Post, "/odata/Persons",
                $$"""{"Cpr":"{{cpr}}","FirstName":"Test","LastName":"Person","MunicipalityId":{{municipalityId}}}""");
            if (reply.Status == HttpStatusCode.Created) return (reply.Json.GetProperty("Id").GetInt32(), cpr);
            if (reply.Status != HttpStatusCode.Conflict || attempt > 200) throw new InvalidOperationException(reply.Body);
        }
    }

    /// <summary>Checks in the person with this CPR number at the door of a facility (Placements/HousingCapacity.CheckIn).</summary>
    public Task<ODataTestClient.Reply> CheckInAsync(string cpr, int facilityId) =>
        odata.SendJsonAsync(HttpMethod.Post, "/odata/Placements/HousingCapacity.CheckIn",
            $$"""{"cpr":"{{cpr}}","facilityId":{{facilityId}}}""");

    public async Task<int> FacilityAsync(string kind, string gender = "None", int? minAge = null, int? maxAge = null,
        int municipalityId = 1, string? legalBasis = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["MunicipalityId"] = municipalityId,
            ["Name"] = $"Teststed {Guid.NewGuid():N}",
            ["Kind"] = kind,
            ["Address"] = "Testvej 1",
            ["GenderRestriction"] = gender,
            ["MinAge"] = minAge,
            ["MaxAge"] = maxAge,
        };
        if (legalBasis is not null) fields["LegalBasis"] = legalBasis;
        var reply = await admin.SendJsonAsync(HttpMethod.Post, "/odata/Facilities", JsonSerializer.Serialize(fields));
        return reply.Status == HttpStatusCode.Created ? reply.Json.GetProperty("Id").GetInt32()
            : throw new InvalidOperationException(reply.Body);
    }

    public async Task<int> UnitAsync(int facilityId, int beds = 1, string status = "InService")
    {
        var reply = await admin.SendJsonAsync(HttpMethod.Post, "/odata/Units",
            $$"""{"FacilityId":{{facilityId}},"Label":"Enhed {{Guid.NewGuid():N}}","Beds":{{beds}},"Status":"{{status}}"}""");
        return reply.Status == HttpStatusCode.Created ? reply.Json.GetProperty("Id").GetInt32()
            : throw new InvalidOperationException(reply.Body);
    }

    public Task<ODataTestClient.Reply> AllocateAsync(int personId, int? facilityId = null, int? unitId = null, LocalDate? start = null,
        LocalDate? end = null, string? justification = null, string? supportMethod = null)
    {
        var body = new Dictionary<string, object?> { ["PersonId"] = personId };
        if (facilityId is not null) body["FacilityId"] = facilityId;
        if (unitId is not null) body["UnitId"] = unitId;
        if (start is not null) body["StartDate"] = start.Value.ToString("yyyy-MM-dd", null);
        if (end is not null) body["EndDate"] = end.Value.ToString("yyyy-MM-dd", null);
        if (justification is not null) body["ExceptionJustification"] = justification;
        if (supportMethod is not null) body["SupportMethod"] = supportMethod;
        return odata.SendJsonAsync(HttpMethod.Post, "/odata/Placements", JsonSerializer.Serialize(body));
    }
}

public static class ReplyExtensions
{
    public static IReadOnlyList<string> DetailCodes(this ODataTestClient.Reply reply) =>
        reply.Json.GetProperty("error").GetProperty("details").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).ToList();
}
