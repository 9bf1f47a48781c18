using System.Text;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

public class CapacityImportTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>Imports as shelter staff of the facility.</summary>
    private Task<ODataTestClient.Reply> Import(int facility, string csv, bool bom = false, string mediaType = "text/csv")
    {
        var bytes = (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return api.Staff(facility).SendAsync(new HttpRequestMessage(HttpMethod.Post, "/imports/capacity-reports") { Content = content });
    }

    private async Task<int> NewFacilityWithBedsAsync(int beds)
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(facility, beds);
        return facility;
    }

    [Fact]
    public async Task Import_SemicolonBomDanishDates_ImportsAll_AndReimportChangesNothing()
    {
        var facility = await NewFacilityWithBedsAsync(10);
        var csv = $"tilbud;dato;senge i drift;belagte;ude af " +
            $"drift\r\n{facility};01-11-2026;10;7;0\r\n{facility};02.11.2026;9;9;1\r\n{facility};2026-11-03;10;4;0\r\n";
        var first = await Import(facility, csv, bom: true);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((3, 3, 0, 0), (first.Json.GetProperty("Rows").GetInt32(), first.Json.GetProperty("Created").GetInt32(),
            first.Json.GetProperty("Updated").GetInt32(), first.Json.GetProperty("Unchanged").GetInt32()));
        await using var db = api.NewDb();
        var before = await db.CapacityReports.Where(r => r.FacilityId == facility).OrderBy(r => r.Date).Select(r => new
        {
            r.Date,
            r.BedsOccupied,
            r.Version,
            r.ReportedAt
        }).ToListAsync();
        Assert.Equal([7, 9, 4], before.Select(r => r.BedsOccupied));
        var again = await Import(facility, csv, bom: true);
        Assert.Equal(3, again.Json.GetProperty("Unchanged").GetInt32());
        await using var db2 = api.NewDb();
        var after = await db2.CapacityReports.Where(r => r.FacilityId == facility).OrderBy(r => r.Date).Select(r => new
        {
            r.Date,
            r.BedsOccupied,
            r.Version,
            r.ReportedAt
        }).ToListAsync();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Import_CommaIsoDates_UpdatesAnExistingReport()
    {
        var facility = await NewFacilityWithBedsAsync(4);
        await Import(facility, $"{facility},2026-11-10,4,1,0");
        var reply = await Import(facility, $"{facility},2026-11-10,4,3,0\n{facility},2026-11-11,4,2,0");
        Assert.Equal((1, 1), (reply.Json.GetProperty("Created").GetInt32(), reply.Json.GetProperty("Updated").GetInt32()));
    }

    [Fact]
    public async Task Import_NamesThePlaceByName_AndTheAnswerListsEachNightItOverwrote()
    {
        var facility = await NewFacilityWithBedsAsync(6);
        string name;
        await using (var db = api.NewDb()) name = await db.Facilities.Where(f => f.Id == facility).Select(f => f.Name).SingleAsync();
        var first = await Import(facility, $"{name.ToUpperInvariant()};2026-11-12;6;2;0");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(0, first.Json.GetProperty("Overwritten").GetArrayLength());

        var second = await Import(facility, $"{name};2026-11-12;6;5;0\n{name};2026-11-13;6;1;0");
        Assert.Equal((1, 1), (second.Json.GetProperty("Created").GetInt32(), second.Json.GetProperty("Updated").GetInt32()));
        var overwrite = Assert.Single(second.Json.GetProperty("Overwritten").EnumerateArray());
        Assert.Equal((1, "2026-11-12", 2, 5), (overwrite.GetProperty("Line").GetInt32(), overwrite.GetProperty("Date").GetString(),
            overwrite.GetProperty("WasOccupied").GetInt32(), overwrite.GetProperty("Occupied").GetInt32()));
        Assert.Equal(name, overwrite.GetProperty("FacilityName").GetString());

        var unknown = await Import(facility, "Et sted der ikke findes;2026-11-12;6;5;0");
        Assert.Equal((HttpStatusCode)422, unknown.Status);
        Assert.Contains("Linje 1: tilbuddet 'Et sted der ikke findes' findes ikke.", unknown.Body);
    }

    [Fact]
    public async Task Import_WithErrors_ReportsEveryLine_AndImportsNothing()
    {
        var facility = await NewFacilityWithBedsAsync(5);
        await using var db = api.NewDb();
        var before = await db.CapacityReports.CountAsync();
        var csv = string.Join("\n",
            "facility;date;in service;occupied;out of service",
            $"{facility};2026-11-01;5;2;0",          // 2: fine
            $"{facility};2026-11-31;5;2;0",          // 3: no such date
            $"{facility};2026-11-02;5;6;0",          // 4: more occupied than in service
            $"{facility};2026-11-01;5;2;0",          // 5: duplicate of line 2
            "999999;2026-11-03;1;1;0",               // 6: unknown facility
            $"{facility};2026-12-24;5;1;0",          // 7: future
            $"{facility};2026-11-04;fem;1;0",        // 8: not a number
            $"{facility};2026-11-05;5;1");           // 9: four columns
        var reply = await Import(facility, csv);
        Assert.Equal((HttpStatusCode)422, reply.Status);
        var targets = reply.Json.GetProperty("error").GetProperty("details").EnumerateArray().Select(d => d.GetProperty("target")
            .GetString()).ToList();
        Assert.Equal(["line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9"], targets);
        Assert.Contains("Linje 4", reply.Body);
        Assert.Equal(before, await db.CapacityReports.CountAsync());
    }

    [Fact]
    public async Task Import_Multipart_IsAccepted_WrongTypeAndEmptyAreRefused()
    {
        var facility = await NewFacilityWithBedsAsync(3);
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes($"{facility};2026-11-12;3;1;0")), "file",
            "uge46.csv" } };
        var reply = await api.Staff(facility).SendAsync(new HttpRequestMessage(HttpMethod.Post,
            "/imports/capacity-reports")
        { Content = form });
        Assert.Equal(1, reply.Json.GetProperty("Created").GetInt32());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Import(facility, "x", mediaType: "application/json")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Import(facility, "\n\n")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Staff(facility).SendAsync(new HttpRequestMessage(HttpMethod.Post,
            "/imports/capacity-reports")
        { Content = new ByteArrayContent([0xff, 0xfe, 0x41]) { Headers = { ContentType = new("text/csv") } } })).Status);
    }
}
