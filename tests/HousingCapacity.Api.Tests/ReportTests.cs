using System.Diagnostics;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// A hand-built October 2026 (31 nights, with the change from summer time on the 25th) in municipality 900, whose every
/// figure is known: stays crossing the first and the last night, a one-night stay, a discharge on the 1st.
/// </summary>
public sealed class ReportMonthFixture : ApiFixture
{
    /// <summary>The committee of the invented municipality 900: reports are theirs to read.</summary>
    protected override (Role Role, int MunicipalityCode) DefaultCaller => (Role.Committee, 900);

    protected override async Task SeedAsync(HousingDbContext db)
    {
        static LocalDate D(int month, int day) => new(2026, month, day);
        var m = new Municipality(900, "Prøvekommune");
        db.Add(m);
        await db.SaveChangesAsync();
        var shelter = new Facility(m.Id, "Herberget Prøvevej", FacilityKind.Section110Shelter, "Prøvevej 1", GenderRestriction.None, null,
            null, true);
        // A natvarmestue under Serviceloven §104: no notice, no counting year.
        var night = new Facility(m.Id, "Natvarmestuen Prøve", FacilityKind.EmergencyBeds, "Prøvevej 2", GenderRestriction.None, null, null,
            true, LegalBasis.Section104);
        var hf = new Facility(m.Id, "Housing First Prøve", FacilityKind.HousingFirst, "Prøvevej 3", GenderRestriction.None, null, null,
            true);
        db.AddRange(shelter, night, hf);
        await db.SaveChangesAsync();
        var u1 = new Unit(shelter.Id, "Værelse 1", 1, UnitStatus.InService);
        var u2 = new Unit(shelter.Id, "Værelse 2", 2, UnitStatus.InService);
        var u3 = new Unit(night.Id, "Seng 1", 1, UnitStatus.InService);
        var u4 = new Unit(hf.Id, "Lejlighed 1", 1, UnitStatus.InService);
        db.AddRange(u1, u2, u3, u4);
        Person P(string cpr, string first, string last) => new(CprNumber.Parse(cpr), first, last, Gender.Male, m.Id);
        var young = P("150606-4001", "Jens", "Hansen"); // 20 in October 2026
        var p2 = P("010186-1001", "Ole", "Berg");
        var p3 = P("010186-1003", "Per", "Lund");
        var p4 = P("010186-1005", "Kim", "Dahl");
        var p5 = P("010186-1007", "Bo", "Holm");
        var p6 = P("010186-1009", "Ib", "Krogh");
        var p7 = P("010186-1011", "Aage", "Vinther");
        var p8 = P("010186-1013", "Carl", "Friis");
        // Two people of the second quarter only, for Danmarks Statistik's file: one without a CPR number, one in efterforsorg.
        var anonymous = Person.WithoutCpr("Ræven", Gender.Female, 1979, null, D(5, 4), m.Id);
        var p10 = P("010186-1015", "Dan", "Hald");
        db.AddRange(young, p2, p3, p4, p5, p6, p7, p8, anonymous, p10);
        await db.SaveChangesAsync();

        Placement Stay(Person p, Unit u, Facility f, LocalDate start, LocalDate? end, SupportMethod support = SupportMethod.None,
            string? why = null, Section110StayType? type = null, PriorResidence? before = null,
            (DischargeReason Reason, Destination To)? ending = null)
        {
            var placement = new Placement(p.Id, u.Id, f.Id, f.LegalBasis, new DateRange(start, null), support, why,
                ReferralRoute.SelfReferral,
                f.LegalBasis == LegalBasis.Section110 ? new PlacementPolicy().WorkingDays().Add(start, 3) : null,
                priorResidence: before, responsibleMunicipalityId: p.MunicipalityId, stayType: type);
            if (end is { } e)
                placement.Discharge(e, ending?.Reason ?? DischargeReason.Planned, ending?.To ?? Destination.OwnHome);
            return placement;
        }
        var s1 = Stay(p2, u1, shelter, D(9, 28), D(10, 3));        // crosses the first night: 2 nights in October
        var s2 = Stay(p3, u2, shelter, D(10, 30), null);            // crosses the last night: 2 nights
        var s3 = Stay(p4, u2, shelter, D(10, 10), D(10, 11));       // one night
        s3.MarkNotified(D(10, 13));                                 // due 14 October: on time
        var s4 = Stay(p5, u2, shelter, D(8, 20), D(10, 1));         // discharged on the 1st: no night in October
        var s5 = Stay(young, u2, shelter, D(10, 5), D(10, 8),
            why: "Ingen ungeplads ledig; Jens Hansen (150606-4001) ville ellers sove ude.");
        s5.MarkNotified(D(10, 9));                                  // due 8 October: late
        var s6 = Stay(p6, u3, night, D(10, 20), D(10, 22));         // emergency bed, 2 nights
        var s7 = Stay(p7, u4, hf, D(3, 1), null, SupportMethod.CTI); // Housing First since March
        var s8 = Stay(p8, u2, shelter, D(6, 1), null);              // 153 nights in §110 by 31 October: past 90
        var s9 = Stay(p10, u1, shelter, D(4, 1), D(5, 1), type: Section110StayType.AfterCare, before: PriorResidence.OtherShelter);
        var s10 = Stay(anonymous, u1, shelter, D(5, 4), D(5, 20), before: PriorResidence.Street,
            ending: (DischargeReason.SelfDischarged, Destination.Street));
        db.AddRange(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10);

        // The shelter's own reports: every night but the 15th, agreeing with the stays except on the 10th.
        int Actual(LocalDate n) => new[] { s1, s2, s3, s4, s5, s8 }.Count(s => s.Stay.ContainsNight(n));
        for (var n = D(10, 1); n <= D(10, 31); n = n.PlusDays(1))
            if (n != D(10, 15))
                db.Add(new CapacityReport(shelter.Id, n, 3, n == D(10, 10) ? Actual(n) - 1 : Actual(n), 0, 3, Instant.FromUtc(2026, n.Month,
                    n.Day, 21, 0), "nattevagt"));
        db.AddRange(new Turnaway(shelter.Id, D(10, 12), TurnawayReason.Full, null), new Turnaway(shelter.Id, D(10, 12), TurnawayReason.Full,
            null),
            new Turnaway(shelter.Id, D(10, 13), TurnawayReason.Intoxicated, null));
        var waitlist = new Waitlist(m.Id, "Skæve boliger i Prøvekommune", WaitlistKind.SkaevBolig);
        db.Add(waitlist);
        await db.SaveChangesAsync();
        var e1 = new WaitlistEntry(waitlist.Id, p4.Id, D(9, 1), Priority.Normal, WaitlistEntryStatus.Waiting);
        var e2 = new WaitlistEntry(waitlist.Id, p5.Id, D(10, 5), Priority.Urgent, WaitlistEntryStatus.Waiting);
        db.AddRange(e1, e2);
        await db.SaveChangesAsync();
        var offer = new Offer(e1.Id, u4.Id, D(10, 10), D(10, 16));
        offer.Decline("For langt væk", D(10, 12));
        db.Add(offer);
        await db.SaveChangesAsync();
    }
}

public class ReportTests(ReportMonthFixture api) : IClassFixture<ReportMonthFixture>
{
    private async Task<MonthlyFigures> October()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MonthlyReportBuilder>().BuildAsync(900, new YearMonth(2026, 10), default))!;
    }

    [Fact]
    public async Task Occupancy_EveryFigureOfTheHandBuiltMonth()
    {
        var f = await October();
        Assert.Equal(31, f.Nights);
        Assert.False(f.InProgress);
        var shelter = f.Facilities.Single(r => r.Kind == FacilityKind.Section110Shelter);
        Assert.Equal(93, shelter.CapacityBedNights);              // 3 beds × 31 nights
        Assert.Equal(2 + 2 + 1 + 0 + 3 + 31, shelter.OccupiedBedNights);
        Assert.Equal(Math.Round(39 / 93.0, 4), shelter.OccupancyRate);
        Assert.Equal(30, shelter.ReportedNights);
        Assert.Equal(1, shelter.MissingReportNights);
        Assert.Equal(1, shelter.DisagreeingNights);
        Assert.Equal(90, shelter.ReportedCapacityBedNights);
        Assert.Equal(39 - 1 - 1, shelter.ReportedOccupiedBedNights); // the 10th one short, the 15th not reported (p8 was there)
        var emergency = f.Facilities.Single(r => r.Kind == FacilityKind.EmergencyBeds);
        Assert.Equal((31, 2, 31), (emergency.CapacityBedNights, emergency.OccupiedBedNights, emergency.MissingReportNights));
        var hf = f.Facilities.Single(r => r.Kind == FacilityKind.HousingFirst);
        Assert.Equal((31, 31, 0), (hf.CapacityBedNights, hf.OccupiedBedNights, hf.MissingReportNights)); // homes do not report nightly
        Assert.Equal(93 + 31 + 31, f.Total.CapacityBedNights);
        Assert.Equal(39 + 2 + 31, f.Total.OccupiedBedNights);
        Assert.Contains(f.DataQuality, n => n.Facility == "Herberget Prøvevej" && n.NoteDa.Contains("15/10"));
        Assert.Contains(f.DataQuality, n => n.Facility == "Herberget Prøvevej" && n.NoteDa.Contains("10/10"));
    }

    [Fact]
    public async Task Flow_AdmissionsDischargesLengthsAndTurnaways()
    {
        var f = await October();
        Assert.Equal(4, f.Flow.Admissions.Value);                 // s2, s3, s5, s6
        Assert.True(f.Flow.Admissions.Suppressed);
        Assert.Equal(5, f.Flow.Discharges.Value);                 // s1 (3rd), s3, s4 (the 1st), s5, s6
        Assert.False(f.Flow.Discharges.Suppressed);
        Assert.Equal(7, f.Flow.DistinctPersons.Value);            // everyone but p5 (no night) — p2, p3, p4, young, p6, p7, p8
        Assert.Equal(5, f.Flow.CompletedStays.Value);
        Assert.Equal(Math.Round((5 + 1 + 42 + 3 + 2) / 5.0, 1), f.Flow.MeanNightsOfCompletedStays);
        Assert.Equal(3, f.Flow.MedianNightsOfCompletedStays);
        Assert.Equal(1, f.Flow.PersonsPastSection110Threshold.Value);
        Assert.Equal(3, f.Flow.Turnaways.Value);
        Assert.Equal(2, f.Flow.TurnawaysByReason.Single(c => c.Name == "Full").Count.Value);
        Assert.Equal(5, f.Flow.DischargesByReason.Single(c => c.Name == "Planned").Count.Value);
    }

    [Fact]
    public async Task YouthHousingFirstWaitlistsAndNotifications()
    {
        var f = await October();
        Assert.Equal((1, 1), (f.Youth.AdmittedToSection110.Value, f.Youth.RecordedExceptions.Value));
        Assert.True(f.Youth.JustificationsWithheld);               // fewer than 5: not shown at all
        Assert.Empty(f.Youth.Justifications);
        Assert.Equal(1, f.HousingFirst.ActiveBySupportMethod.Single(c => c.Name == "CTI").Count.Value);
        Assert.Equal((1, 1), (f.HousingFirst.SixMonths.Cohort.Value, f.HousingFirst.SixMonths.StillHoused.Value));
        Assert.Equal(0, f.HousingFirst.TwelveMonths.Cohort.Value);
        var w = Assert.Single(f.Waitlists);
        Assert.Equal((2, 1, 1, 1, 0), (w.EntriesAtMonthEnd.Value, w.NewEntries.Value, w.OffersMade.Value, w.Declined.Value,
            w.Accepted.Value));
        Assert.Equal((3, 1), (f.Notifications.Due.Value, f.Notifications.OnTime.Value)); // s2 not yet, s3 on time, s5 late
        Assert.Null(f.Notifications.ShareOnTime);
    }

    [Fact]
    public void Suppression_HidesSmallCountsAndEnoughOthersThatTotalsCannotRevealThem()
    {
        var cells = MonthlyReportBuilder.Group(["A", "A", "A", "A", "A", "A", "B", "C", "C", "C", "C", "C", "C", "C"], ["A", "B", "C", "D"],
            14);
        Assert.True(cells.Single(c => c.Name == "B").Count.Suppressed);
        Assert.True(cells.Single(c => c.Name == "A").Count.Suppressed); // 14 − 7 − 6 would give B away
        Assert.False(cells.Single(c => c.Name == "C").Count.Suppressed);
        Assert.Equal("0", cells.Single(c => c.Name == "D").Count.ToString());
        Assert.Equal("<5", PersonCount.Of(4).ToString());
        Assert.Equal("5", PersonCount.Of(5).ToString());
        Assert.Equal("0", PersonCount.Of(0).ToString());
    }

    [Fact]
    public void Redact_RemovesCprNumbersAndNames() =>
        Assert.Equal("Ingen plads; [navn fjernet] [navn fjernet] ([CPR fjernet]) ville ellers sove ude.",
            MonthlyReportBuilder.Redact("Ingen plads; Jens Hansen (150606-4001) ville ellers sove ude.", ["Jens", "Hansen"]));

    [Fact]
    public async Task Json_AndCsv_CarryTheSameFiguresWithSmallCountsHidden()
    {
        var json = await api.OData.GetAsync("/reports/monthly/900/2026-10.json");
        Assert.Equal(HttpStatusCode.OK, json.Status);
        Assert.Equal(39, json.Json.GetProperty("Facilities").EnumerateArray().Single(r => r.GetProperty("Kind")
            .GetString() == "Section110Shelter").GetProperty("OccupiedBedNights").GetInt32());
        Assert.Equal("<5", json.Json.GetProperty("Flow").GetProperty("Admissions").GetString());
        Assert.Equal(5, json.Json.GetProperty("Flow").GetProperty("Discharges").GetInt32());
        var csv = await api.Client.GetStringAsync("/reports/monthly/900/2026-10.csv");
        Assert.Contains("Tilbud;Herberget Prøvevej;Belagte sengedøgn;39", csv);
        Assert.Contains("Ind og ud;I alt;Indskrivninger;<5", csv);
        Assert.DoesNotContain("Jens", json.Body + csv);
        Assert.DoesNotContain("150606", json.Body + csv);
    }

    [Fact]
    public async Task Csv_IsForDanishExcel_DecimalCommaDanishNamesAndAByteOrderMark()
    {
        var bytes = await api.Client.GetByteArrayAsync("/reports/monthly/900/2026-10.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Afsnit;Emne;Mål;Værdi", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(';')).ToList();
        Assert.All(rows, r => Assert.Equal(4, r.Length));
        // The shelter's occupancy, 39 of 93 bed-nights, as Danish Excel reads a number.
        Assert.Contains(["Tilbud", "Herberget Prøvevej", "Belægningsgrad (andel)", "0,4194"], rows);
        Assert.Contains(["Tilbud", "Herberget Prøvevej", "Type", "Forsorgshjem/herberg (§ 110)"], rows);
        Assert.Contains(["Rapport", "oktober 2026", "Måneden er ikke slut", "nej"], rows);
        // No number with a decimal point, and no measure, section or kind by its name in the code.
        Assert.DoesNotContain(rows, r => System.Text.RegularExpressions.Regex.IsMatch(r[3], @"^-?\d+\.\d+$"));
        Assert.DoesNotContain(rows, r => new[] { r[0], r[2] }.Any(name =>
            System.Text.RegularExpressions.Regex.IsMatch(name, "[a-z][A-Z]")));
        var kinds = Enum.GetNames<FacilityKind>();
        Assert.DoesNotContain(rows, r => kinds.Contains(r[1]) || kinds.Contains(r[3]));
    }

    [Fact]
    public async Task Xlsx_HoldsTheCsvsRows_WithNumbersAsNumbersAndSharesAsPercentages()
    {
        using var reply = await api.Client.GetAsync("/reports/monthly/900/2026-10.xlsx");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(ReportXlsx.ContentType, reply.Content.Headers.ContentType?.MediaType);
        var csv = (await api.Client.GetStringAsync("/reports/monthly/900/2026-10.csv")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(
            await reply.Content.ReadAsByteArrayAsync()), false);
        // Valid as Office reads it (the SDK's schema validation), so that Excel opens it without repairing it.
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook)
            .Select(e => $"{e.Path?.XPath}: {e.Description}"));
        Assert.Equal("da-DK", workbook.PackageProperties.Language);
        Assert.Contains("oktober 2026", workbook.PackageProperties.Title);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList()).ToList();
        Assert.Equal(csv.Count, rows.Count);
        var danish = System.Globalization.CultureInfo.GetCultureInfo("da-DK");
        for (var i = 0; i < csv.Count; i++)
        {
            for (var c = 0; c < 3; c++) Assert.Equal(csv[i][c], rows[i][c].InnerText);
            var cell = rows[i][3];
            if (cell.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.Number)
            {
                // A number in the workbook is the CSV's number; a share is shown as a percentage of the same fraction.
                var number = double.Parse(cell.InnerText, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(double.Parse(csv[i][3], danish), number, 4);
                Assert.Equal(csv[i][2].Contains("(andel)", StringComparison.Ordinal), cell.StyleIndex?.Value == 2);
            }
            else Assert.Equal(csv[i][3], cell.InnerText);
        }
        Assert.Contains(rows, r => r[2].InnerText == "Belægningsgrad (andel)" && r[3].DataType?.Value
            == DocumentFormat.OpenXml.Spreadsheet.CellValues.Number);
        Assert.Contains(rows, r => r[3].InnerText == "<5");
    }

    [Theory]
    [InlineData("/reports/monthly/901/2026-10.pdf", 403)] // another municipality's (it does not exist either)
    [InlineData("/reports/monthly/900/2026-13.pdf", 400)]
    [InlineData("/reports/monthly/900/26-10.pdf", 400)]
    [InlineData("/reports/monthly/900/2026-10.docx", 400)]
    [InlineData("/reports/monthly/abc/2026-10.json", 400)]
    [InlineData("/reports/monthly/900/2027-01.json", 400)]
    public async Task Report_BadAddress_Is4xx(string url, int status) =>
        Assert.Equal(status, (int)(await api.OData.GetAsync(url)).Status);

    [Fact]
    public async Task Report_MonthInProgress_IsMarked()
    {
        var json = await api.OData.GetAsync("/reports/monthly/900/2026-11.json");
        Assert.True(json.Json.GetProperty("InProgress").GetBoolean());
        Assert.Equal("2026-11-22", json.Json.GetProperty("LastNight").GetString());
    }

    [Fact]
    public async Task Pdf_ReadsInDanish_WithTheKeyNumbers_AndEveryPageRenders()
    {
        var response = await api.Client.GetAsync("/reports/monthly/900/2026-10.pdf");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        try
        {
            var text = Run("pdftotext", $"-layout \"{path}\" -");
            foreach (var expected in new[] { "Prøvekommune", "oktober 2026", "Nøgletal", "Belægning pr. tilbud",
                "Forsorgshjem/herberg (§ 110)",
                         "Herberget Prøvevej", "Datakvalitet", "Metode og definitioner", "Side 1 af", "Unge 18–25", "<5", "§ 176 a" })
                Assert.Contains(expected, text);
            Assert.Matches(@"Belagte sengenætter \(registrerede ophold\)\s+72", text);
            Assert.DoesNotContain("Jens", text);
            Assert.DoesNotContain("150606", text);
            // The methodology says what the code does (capacity night by night, from the date a unit was taken out of service)
            // and cites sources as sources, not other countries' systems as authorities.
            Assert.Contains("der var i drift den nat", text);
            Assert.Matches(@"Kilder:\s+lov om social service", text);
            foreach (var untrue in new[] { "HUD", "Toronto", "nuværende status", "Slagelse" }) Assert.DoesNotContain(untrue, text);
            var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(Run("pdfinfo", $"\"{path}\""),
                @"Pages:\s+(\d+)").Groups[1].Value);
            Assert.Contains($"Side {pages} af {pages}", text);
            // The month in brief comes first, in words, from the figures (three turnaways: a hidden count, in words too).
            var cover = Run("pdftotext", $"-f 1 -l 1 \"{path}\" -");
            Assert.Contains("Kort fortalt", cover);
            Assert.Matches(@"Forsorgshjem/herberg \(§ 110\): \d+,\d % af sengene var belagt", cover);
            Assert.Contains("Færre end 5 afvisninger", cover);
            Assert.DoesNotContain("<5 afvisninger", cover);
            // The methodology is one whole page at the end, not a few lines spilling onto a page of their own.
            var lastPage = Run("pdftotext", $"-f {pages} -l {pages} -layout \"{path}\" -");
            Assert.Contains("Metode og definitioner", lastPage);
            Assert.Contains("Kilder:", lastPage);
            var fonts = Run("pdffonts", $"\"{path}\"");
            Assert.Contains("DejaVu", fonts);
            // Every font embedded (pdffonts' "emb" column): the PDF reads the same on any machine.
            Assert.All(fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2), line => Assert.Matches(@"\syes\s+yes\s+(yes|no)\s",
                line));
            var prefix = Path.Combine(Path.GetTempPath(), $"page-{Guid.NewGuid():N}");
            Run("pdftoppm", $"-png -r 40 \"{path}\" \"{prefix}\"");
            Assert.Equal(pages, Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(prefix) + "*.png").Length);
            foreach (var png in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(prefix) + "*.png")) File.Delete(png);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The report is published with the committee's agenda, so it must be accessible (webtilgængelighedsloven): a tagged PDF/UA
    /// document, read back by poppler (structure, tags, XMP) and by PDFsharp's reader (language, marking, alternative texts).
    /// </summary>
    [Fact]
    public async Task Pdf_IsTaggedPdfUa_WithLanguageHeadingsTablesAndFiguresThatSpeak()
    {
        var bytes = await (await api.Client.GetAsync("/reports/monthly/900/2026-10.pdf")).Content.ReadAsByteArrayAsync();
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            Assert.Matches(@"Tagged:\s+yes", Run("pdfinfo", $"\"{path}\""));
            var xmp = Run("pdfinfo", $"-meta \"{path}\"");
            Assert.Contains("<pdfuaid:part>1</pdfuaid:part>", xmp);
            Assert.Contains("Månedsrapport om belægning – Prøvekommune Kommune – oktober 2026</rdf:li>", xmp);

            var structure = Run("pdfinfo", $"-struct-text \"{path}\"");
            // Headings in order: the first is a level one, and a level two never comes before a level one.
            var headings = System.Text.RegularExpressions.Regex.Matches(structure, @"^\s*(H\d) \(block\)\n\s*""([^""]*)""",
                System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => (Level: m.Groups[1].Value, Text: m.Groups[2].Value))
                .ToList();
            Assert.Equal("H1", headings[0].Level);
            Assert.All(headings, h => Assert.Contains(h.Level, new[] { "H1", "H2" }));
            foreach (var section in new[] { "Nøgletal", "Udvikling", "Belægning pr. tilbud", "Datakvalitet", "Metode og definitioner" })
                Assert.Contains(("H1", section), headings);
            // Tables with column headers and row headers; the page footers are furniture, not content.
            Assert.Contains("/Scope /Column", structure);
            Assert.Contains("/Scope /Row", structure);
            Assert.DoesNotContain("Side 1 af", structure);
            Assert.Contains("Side 1 af", Run("pdftotext", $"\"{path}\" -"));
            // A paragraph broken over lines reads with its spaces: no words run together where a line ended.
            Assert.Contains("ikke anbringes i § 110-tilbud. I måneden blev", structure);

            using var document = PdfSharp.Pdf.IO.PdfReader.Open(path, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
            var catalog = document.Internals.Catalog;
            Assert.Equal("da-DK", catalog.Elements.GetString("/Lang"));
            Assert.True(catalog.Elements.GetDictionary("/MarkInfo")!.Elements.GetBoolean("/Marked"));
            Assert.True(catalog.Elements.GetDictionary("/ViewerPreferences")!.Elements.GetBoolean("/DisplayDocTitle"));
            Assert.NotNull(catalog.Elements.GetDictionary("/Outlines"));
            var elements = StructureElements(catalog.Elements.GetDictionary("/StructTreeRoot")!).ToList();
            var figures = elements.Where(e => e.Elements.GetName("/S") == "/Figure").ToList();
            // The bar chart and one small chart per kind of place in the trend, each read out with its figures.
            Assert.True(figures.Count >= 3, $"{figures.Count} figures");
            Assert.All(figures, f => Assert.Matches(@"diagram, .*\d+,\d %", f.Elements.GetString("/Alt")));
            // A header hyphenated to fit its column reads as the whole word.
            Assert.Contains(elements, e => e.Elements.GetName("/S") == "/TH" && e.Elements.GetString("/ActualText") == "Kapacitet");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<PdfSharp.Pdf.PdfDictionary> StructureElements(PdfSharp.Pdf.PdfDictionary node)
    {
        var kids = node.Elements["/K"] switch
        {
            PdfSharp.Pdf.PdfArray array => array.Elements.ToList(),
            { } one => [one],
            null => [],
        };
        foreach (var kid in kids)
        {
            var value = kid is PdfSharp.Pdf.Advanced.PdfReference reference ? reference.Value : kid;
            if (value is not PdfSharp.Pdf.PdfDictionary child || child.Elements.GetName("/S") is not { Length: > 0 }) continue;
            yield return child;
            foreach (var grandchild in StructureElements(child)) yield return grandchild;
        }
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true
        })
            ?? throw new InvalidOperationException($"{file} could not start (apt-get install poppler-utils).");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
        return output;
    }
}
