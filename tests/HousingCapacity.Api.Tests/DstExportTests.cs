using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>Danmarks Statistik's quarterly §110 file for the hand-built municipality 900 (see <see cref="ReportMonthFixture"/>).</summary>
public class DstExportTests(ReportMonthFixture api) : IClassFixture<ReportMonthFixture>
{
    private ODataTestClient Officer => api.As(Role.HousingOfficer, 900);

    private static List<string[]> Rows(string csv) =>
        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToList();

    [Fact]
    public async Task DstExport_Q4_EveryAdmissionAndDischargeAtSection110Places_FlaggedWhileTheQuarterRuns()
    {
        var reply = await Officer.GetAsync("/reports/dst/900/2026-Q4.csv");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("false", reply.Headers.GetValues("X-Quarter-Complete").Single());
        Assert.StartsWith("Boform;BoformNavn;OpholdId;Haendelse;CPR;Koen;Foedselsaar;", reply.Body.TrimStart('\uFEFF'));
        var rows = Rows(reply.Body);
        // s4 (left 1 October), s1 (left the 3rd), s5 and s3 (in and out), s2 (in on the 30th); the §104 night café's stay is not there.
        Assert.Equal(["Udskrivning", "Udskrivning", "Indskrivning og udskrivning", "Indskrivning og udskrivning", "Indskrivning"],
            rows.Select(r => r[3]));
        Assert.Equal(["2026-08-20", "2026-09-28", "2026-10-05", "2026-10-10", "2026-10-30"], rows.Select(r => r[9]));
        Assert.Equal(["2026-10-01", "2026-10-03", "2026-10-08", "2026-10-11", ""], rows.Select(r => r[11]));
        Assert.All(rows, r => Assert.Equal("Herberget Prøvevej", r[1]));
        Assert.Equal("010186-1007", rows[0][4]);                          // DST links by CPR number
        Assert.Equal(["Planlagt udskrivning", "Planlagt udskrivning", "Planlagt udskrivning", "Planlagt udskrivning", ""], rows.Select(r => r[12]));
        Assert.Equal("Egen bolig", rows[0][13]);
        Assert.All(rows, r => Assert.Equal("900", r[15]));
    }

    [Fact]
    public async Task DstExport_EndedQuarter_IsComplete_AndJsonCarriesTheSameRows()
    {
        var csv = await Officer.GetAsync("/reports/dst/900/2026-Q3.csv");
        Assert.False(csv.Headers.Contains("X-Quarter-Complete"));
        Assert.Equal(["2026-08-20", "2026-09-28"], Rows(csv.Body).Select(r => r[9]));
        var json = await Officer.GetAsync("/reports/dst/900/2026-Q3.json");
        Assert.True(json.Json.GetProperty("Complete").GetBoolean());
        Assert.Equal(2, json.Json.GetProperty("Rows").GetArrayLength());
    }

    [Fact]
    public async Task DstExport_EveryPersonInTheFile_IsInTheAccessLog()
    {
        await using var db = api.NewDb();
        var before = await db.AccessLog.MaxAsync(e => (long?)e.Id) ?? 0;
        Assert.Equal(HttpStatusCode.OK, (await Officer.GetAsync("/reports/dst/900/2026-Q4.csv")).Status);
        // One entry for the file, naming each of its five persons (a line per person in the log as it reads).
        var entry = Assert.Single(await db.AccessLog.Include(e => e.Persons)
            .Where(e => e.Id > before && e.Operation == "DstExport 900 2026-Q4").ToListAsync());
        Assert.Equal(5, entry.Persons.Count);
        Assert.Equal(5, await db.AccessLogLines.CountAsync(l => l.Id == entry.Id && l.PersonId != null));
    }

    [Theory]
    [InlineData(Role.Committee, 900, HttpStatusCode.Forbidden)]
    [InlineData(Role.ShelterStaff, 900, HttpStatusCode.Forbidden)]
    [InlineData(Role.Administrator, 900, HttpStatusCode.Forbidden)]
    [InlineData(Role.HousingOfficer, 175, HttpStatusCode.Forbidden)]
    public async Task DstExport_ForTheMunicipalitysOfficersOnly(Role role, int code, HttpStatusCode expected)
    {
        var reply = await api.As(role, code, 1).GetAsync("/reports/dst/900/2026-Q3.csv");
        Assert.Equal(expected, reply.Status);
        Assert.DoesNotContain("010186", reply.Body);
    }

    [Theory]
    [InlineData("/reports/dst/900/2026-Q5.csv", "InvalidExportAddress")]
    [InlineData("/reports/dst/900/2026-3.csv", "InvalidExportAddress")]
    [InlineData("/reports/dst/900/2027-Q2.csv", "QuarterInFuture")]
    public async Task DstExport_BadAddress_IsA400ThatSaysWhy(string url, string code)
    {
        var reply = await Officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(code, reply.ErrorCode);
    }
}
