using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>Danmarks Statistik's quarterly §110 file for the hand-built municipality 900 (see <see cref="ReportMonthFixture"/>).</summary>
public class DstExportTests(ReportMonthFixture api) : IClassFixture<ReportMonthFixture>
{
    private ODataTestClient Officer => api.As(Role.HousingOfficer, 900);

    private static List<string[]> Rows(string csv) =>
        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToList();

    private async Task<int> FacilityAsync(string name)
    {
        await using var db = api.NewDb();
        return await db.Facilities.IgnoreQueryFilters().Where(f => f.Name == name).Select(f => f.Id).SingleAsync();
    }

    private Task<int> ShelterAsync() => FacilityAsync("Herberget Prøvevej");

    [Fact]
    public async Task DstFile_HandBuiltSecondQuarter_OfOneBoform_RowByRowInTheTxtLayout()
    {
        var shelter = await ShelterAsync();
        var reply = await api.As(Role.ShelterStaff, 900, shelter).GetAsync($"/reports/dst/boform/{shelter}/2026-Q2.txt");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(reply.Headers.Contains("X-Quarter-Complete"));
        var lines = reply.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // boform; CPR (ten digits); gender and birth year (only without CPR); stay type; admitted; before; discharged; how; where to.
        Assert.Equal([
            $"{shelter};0101861015;;;3;2026-04-01;5;2026-05-01;1;1",     // efterforsorg (3), from another shelter, planned, own home
            $"{shelter};;2;1979;1;2026-05-04;3;2026-05-20;2;9",          // no CPR: a woman born 1979; from the street, left, to the street
            $"{shelter};0101861013;;;1;2026-06-01;99;;;",               // admitted 1 June, still there; where before not given
        ], lines);
        Assert.DoesNotContain("Ræven", reply.Body);                      // no alias, no name
        Assert.DoesNotContain("Prøvekommune", reply.Body);
    }

    [Fact]
    public async Task DstFile_Csv_HasEveryCodeBesideItsLabel_AndNothingDstDoesNotAsk()
    {
        var shelter = await ShelterAsync();
        var reply = await Officer.GetAsync($"/reports/dst/boform/{shelter}/2026-Q2.csv");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var header = reply.Body.TrimStart('\uFEFF').Split("\r\n")[0];
        Assert.Equal("Boform;BoformNavn;CPR;Koen;Foedselsaar;Opholdstype;OpholdstypeTekst;Indskrivningsdato;OpholdsstedFoer;" +
                     "OpholdsstedFoerTekst;Udskrivningsdato;Udskrivningsform;UdskrivningsformTekst;UdskrevetTil;UdskrevetTilTekst", header);
        var rows = Rows(reply.Body);
        Assert.Equal(["Efterforsorg efter § 110", "Herberg eller forsorgshjem efter § 110", "Herberg eller forsorgshjem efter § 110"],
            rows.Select(r => r[6]));
        Assert.Equal(["Planlagt udskrivning", "Udskrevet på egen foranledning", ""], rows.Select(r => r[12]));
        Assert.Equal("010186-1015", rows[0][2]);
        Assert.DoesNotContain("Alias", header);
        Assert.DoesNotContain("Handlekommune", header);
    }

    [Fact]
    public async Task DstExport_Q4_EveryAdmissionAndDischargeAtSection110Places_FlaggedWhileTheQuarterRuns()
    {
        var reply = await Officer.GetAsync("/reports/dst/900/2026-Q4.csv");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("false", reply.Headers.GetValues("X-Quarter-Complete").Single());
        var rows = Rows(reply.Body);
        // s4 (left 1 October), s1 (left the 3rd), s5 and s3 (in and out), s2 (in on the 30th); the §104 night café's stay is not there.
        Assert.Equal(["2026-08-20", "2026-09-28", "2026-10-05", "2026-10-10", "2026-10-30"], rows.Select(r => r[7]));
        Assert.Equal(["2026-10-01", "2026-10-03", "2026-10-08", "2026-10-11", ""], rows.Select(r => r[10]));
        Assert.All(rows, r => Assert.Equal("Herberget Prøvevej", r[1]));
        Assert.Equal("010186-1007", rows[0][2]);                          // DST links by CPR number
        Assert.All(rows, r => Assert.Equal(["", ""], r[3..5]));          // gender and birth year only without one
        Assert.Equal(["1", "1", "1", "1", ""], rows.Select(r => r[11]));
        Assert.Equal("Egen bolig", rows[0][14]);
    }

    [Fact]
    public async Task DstExport_EndedQuarter_IsComplete_AndJsonCarriesTheSameRowsAndTheDeadline()
    {
        var csv = await Officer.GetAsync("/reports/dst/900/2026-Q3.csv");
        Assert.False(csv.Headers.Contains("X-Quarter-Complete"));
        Assert.Equal(["2026-08-20", "2026-09-28"], Rows(csv.Body).Select(r => r[7]));
        var json = await Officer.GetAsync("/reports/dst/900/2026-Q3.json");
        Assert.True(json.Json.GetProperty("Complete").GetBoolean());
        Assert.Equal("2026-10-31", json.Json.GetProperty("Deadline").GetString());
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
    [InlineData(Role.ShelterStaff, 900, true, HttpStatusCode.OK)]      // the boform's own staff
    [InlineData(Role.ShelterStaff, 900, false, HttpStatusCode.Forbidden)] // staff of another place
    [InlineData(Role.HousingOfficer, 900, false, HttpStatusCode.OK)]   // the officers of the municipality that runs it
    [InlineData(Role.HousingOfficer, 175, false, HttpStatusCode.Forbidden)]
    [InlineData(Role.Committee, 900, false, HttpStatusCode.Forbidden)]
    [InlineData(Role.Administrator, 900, false, HttpStatusCode.Forbidden)]
    public async Task DstFile_ForThePlacesStaffAndItsMunicipalitysOfficers(Role role, int code, bool ownPlace, HttpStatusCode expected)
    {
        var shelter = await ShelterAsync();
        var other = await FacilityAsync("Natvarmestuen Prøve");
        var reply = await api.As(role, code, ownPlace ? shelter : other).GetAsync($"/reports/dst/boform/{shelter}/2026-Q3.txt");
        Assert.Equal(expected, reply.Status);
        if (expected != HttpStatusCode.OK) Assert.DoesNotContain("010186", reply.Body);
    }

    [Fact]
    public async Task DstFile_OnlyForSection110Places_AnotherPlaceIs404()
    {
        var nightCafe = await FacilityAsync("Natvarmestuen Prøve");
        var reply = await Officer.GetAsync($"/reports/dst/boform/{nightCafe}/2026-Q3.txt");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("§ 110", reply.Json.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("/reports/dst/900/2026-Q5.csv", "InvalidExportAddress")]
    [InlineData("/reports/dst/900/2026-3.csv", "InvalidExportAddress")]
    [InlineData("/reports/dst/900/2026-Q3.txt", "InvalidExportAddress")]
    [InlineData("/reports/dst/boform/x/2026-Q3.txt", "InvalidExportAddress")]
    [InlineData("/reports/dst/900/2027-Q2.csv", "QuarterInFuture")]
    public async Task DstExport_BadAddress_IsA400ThatSaysWhy(string url, string code)
    {
        var reply = await Officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(code, reply.ErrorCode);
    }

    [Fact]
    public async Task DstPage_ShowsEachQuarterWithItsDeadline_AndWhetherTheFileWasFetched()
    {
        var shelter = await ShelterAsync();
        var staff = api.As(Role.ShelterStaff, 900, shelter);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/reports/dst/boform/{shelter}/2026-Q1.txt")).Status);
        await using var db = api.NewDb();
        var deliveries = await Features.Statistics.DstDeliveries.OfAsync(db,
            [await DstExport.FacilityOfAsync(db, shelter, default)], [new DstQuarter(2026, 1), new DstQuarter(2025, 4)], default);
        Assert.NotNull(deliveries[0].FetchedAt);
        Assert.Equal(new LocalDate(2026, 4, 29), deliveries[0].Quarter.Deadline);
        Assert.Null(deliveries[1].FetchedAt);
        Assert.Equal(new LocalDate(2026, 1, 31), deliveries[1].Quarter.Deadline);
    }

    [Fact]
    public async Task DstPage_StaffDownloadTheirPlacesFile_AndThePageThenSaysFetched()
    {
        var shelter = await ShelterAsync();
        using var staff = await Pages.PageClient.SignedInAsync(api, Role.ShelterStaff, 900, shelter);
        var page = await staff.Http.GetStringAsync("/personale/danmarks-statistik");
        Assert.Contains("Herberget Prøvevej", page);
        Assert.Contains("31. okt. 2026", page);                          // the third quarter's deadline
        Assert.Contains("2. kvartal 2026", page);
        Assert.DoesNotContain("Natvarmestuen", page);                    // not a §110 place: it reports nothing
        using var file = await staff.Http.GetAsync(
            $"/personale/danmarks-statistik?handler=File&tilbud={shelter}&kvartal=2026-Q2&format=txt");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains($"{shelter};0101861015;", await file.Content.ReadAsStringAsync());
        var after = await staff.Http.GetStringAsync("/personale/danmarks-statistik");
        Assert.Contains("Hentet", after);
        using var foreign = await staff.Http.GetAsync("/personale/danmarks-statistik?handler=File&tilbud=99999&kvartal=2026-Q2&format=txt");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory]
    [InlineData(1, "2026-04-29")]
    [InlineData(2, "2026-07-29")]
    [InlineData(3, "2026-10-31")]
    [InlineData(4, "2027-01-31")]
    public void DstQuarter_Deadlines_AsDanmarksStatistikSetsThem(int quarter, string deadline) =>
        Assert.Equal(deadline, new DstQuarter(2026, quarter).Deadline.ToString("yyyy-MM-dd", null));

    [Fact]
    public void DstCodes_EveryAnswerHasItsOwnCode()
    {
        Assert.Equal(Enum.GetValues<PriorResidence>().Length, Enum.GetValues<PriorResidence>().Select(v => DstCodes.Code(v)).Distinct()
            .Count());
        Assert.Equal(Enum.GetValues<DischargeReason>().Length, Enum.GetValues<DischargeReason>().Select(v => DstCodes.Code(v)).Distinct()
            .Count());
        Assert.Equal(Enum.GetValues<Destination>().Length, Enum.GetValues<Destination>().Select(v => DstCodes.Code(v)).Distinct().Count());
        Assert.Equal([1, 3], Enum.GetValues<Section110StayType>().Select(v => DstCodes.Code(v)));
    }
}
