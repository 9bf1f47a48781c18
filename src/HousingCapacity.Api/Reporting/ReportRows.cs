using HousingCapacity.Api.Reporting.Pdf;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The month's figures one a row, in Danish as the PDF names them, for the spreadsheets (<see cref="ReportCsv"/>,
/// <see cref="ReportXlsx"/>): declared once, so that the CSV and the workbook cannot drift apart.
/// </summary>
public static class ReportRows
{
    public static readonly string[] Header = ["Afsnit", "Emne", "Mål", "Værdi"];

    private static string Kind(FacilityKind kind) => MonthlyReportPdf.Kind(kind);
    private static string Word(string name) => MonthlyReportPdf.Word(name);

    /// <summary>Every figure: counts of persons as <see cref="PersonCount"/> ("&lt;5" when hidden), shares as a
    /// <see cref="Share"/> in a measure that says "andel", yes/no as a bool, names as text.</summary>
    public static IReadOnlyList<ReportRow> Of(MonthlyFigures f)
    {
        var rows = new List<ReportRow>();
        void Row(string section, string item, string measure, object? value) => rows.Add(new ReportRow(section, item, measure, value));
        const string All = "I alt";
        var month = MonthlyReportPdf.MonthName(f.Month);
        Row("Rapport", f.MunicipalityName, "Kommunekode", f.MunicipalityCode);
        Row("Rapport", month, "Nætter", f.Nights);
        Row("Rapport", month, "Måneden er ikke slut", f.InProgress);
        foreach (var r in f.Facilities)
        {
            Row("Tilbud", r.Name, "Type", Kind(r.Kind));
            Row("Tilbud", r.Name, "Senge", r.Beds);
            Row("Tilbud", r.Name, "Senge i drift", r.BedsInService);
            Row("Tilbud", r.Name, "Kapacitet (sengedøgn)", r.CapacityBedNights);
            Row("Tilbud", r.Name, "Belagte sengedøgn", r.OccupiedBedNights);
            Row("Tilbud", r.Name, "Belægningsgrad (andel)", Share.Of(r.OccupancyRate));
            Row("Tilbud", r.Name, "Sengedøgn ude af drift", r.OutOfServiceBedNights);
            Row("Tilbud", r.Name, "Nætter med indberetning", r.ReportedNights);
            Row("Tilbud", r.Name, "Nætter uden indberetning", r.MissingReportNights);
            Row("Tilbud", r.Name, "Indberettet kapacitet (sengedøgn)", r.ReportedCapacityBedNights);
            Row("Tilbud", r.Name, "Indberettet belagte sengedøgn", r.ReportedOccupiedBedNights);
            Row("Tilbud", r.Name, "Indberettet belægningsgrad (andel)", Share.Of(r.ReportedOccupancyRate));
            Row("Tilbud", r.Name, "Nætter hvor indberetning og ophold er uenige", r.DisagreeingNights);
        }
        foreach (var k in f.Kinds)
        {
            var kind = Kind(k.Kind);
            Row("Type af tilbud", kind, "Tilbud", k.Facilities);
            Row("Type af tilbud", kind, "Senge", k.Beds);
            Row("Type af tilbud", kind, "Kapacitet (sengedøgn)", k.Occupancy.CapacityBedNights);
            Row("Type af tilbud", kind, "Belagte sengedøgn", k.Occupancy.OccupiedBedNights);
            Row("Type af tilbud", kind, "Belægningsgrad (andel)", Share.Of(k.Occupancy.OccupancyRate));
            Row("Type af tilbud", kind, "Indberettet belægningsgrad (andel)", Share.Of(k.Occupancy.ReportedOccupancyRate));
            Row("Type af tilbud", kind, "Belægningsgrad forrige måned (andel)", Share.Of(k.PreviousMonthRate));
            Row("Type af tilbud", kind, "Ændring (procentpoint)", k.ChangeInPercentagePoints);
        }
        Row("I alt", All, "Kapacitet (sengedøgn)", f.Total.CapacityBedNights);
        Row("I alt", All, "Belagte sengedøgn", f.Total.OccupiedBedNights);
        Row("I alt", All, "Belægningsgrad (andel)", Share.Of(f.Total.OccupancyRate));
        Row("Ind og ud", All, "Indskrivninger", f.Flow.Admissions);
        Row("Ind og ud", All, "Udskrivninger", f.Flow.Discharges);
        Row("Ind og ud", All, "Forskellige personer", f.Flow.DistinctPersons);
        Row("Ind og ud", All, "Afsluttede ophold", f.Flow.CompletedStays);
        Row("Ind og ud", All, "Nætter pr. afsluttet ophold (gennemsnit)", f.Flow.MeanNightsOfCompletedStays);
        Row("Ind og ud", All, "Nætter pr. afsluttet ophold (median)", f.Flow.MedianNightsOfCompletedStays);
        Row("Ind og ud", All, "Personer over § 110-tærsklen", f.Flow.PersonsPastSection110Threshold);
        Row("Ind og ud", All, "Afvisninger", f.Flow.Turnaways);
        foreach (var c in f.Flow.DischargesByReason) Row("Udskrivningsårsag", Word(c.Name), "Udskrivninger", c.Count);
        foreach (var c in f.Flow.DischargesByDestination) Row("Udskrevet til", Word(c.Name), "Udskrivninger", c.Count);
        foreach (var c in f.Flow.TurnawaysByReason) Row("Afvisningsårsag", Word(c.Name), "Afvisninger", c.Count);
        var ages = $"{f.Youth.MinAge}–{f.Youth.MaxAge} år";
        Row("Unge", ages, "Indskrevet på § 110-tilbud", f.Youth.AdmittedToSection110);
        Row("Unge", ages, "Heraf med registreret begrundelse", f.Youth.RecordedExceptions);
        foreach (var c in f.HousingFirst.ActiveBySupportMethod) Row("Housing First", Word(c.Name), "Aktive forløb", c.Count);
        Row("Housing First", All, "Startede forløb", f.HousingFirst.Started);
        Row("Housing First", All, "Afsluttede forløb", f.HousingFirst.Ended);
        foreach (var r in new[] { f.HousingFirst.SixMonths, f.HousingFirst.TwelveMonths })
        {
            var after = $"Efter {r.Months} måneder";
            Row("Housing First", after, "Forløb i kohorten", r.Cohort);
            Row("Housing First", after, "Stadig i bolig", r.StillHoused);
            Row("Housing First", after, "Stadig i bolig (andel)", Share.Of(r.Share));
        }
        foreach (var w in f.Waitlists)
        {
            Row("Venteliste", w.Name, "Venter ved månedens slutning", w.EntriesAtMonthEnd);
            Row("Venteliste", w.Name, "Nye på listen", w.NewEntries);
            Row("Venteliste", w.Name, "Tilbud givet", w.OffersMade);
            Row("Venteliste", w.Name, "Tilbud taget imod", w.Accepted);
            Row("Venteliste", w.Name, "Tilbud afslået", w.Declined);
            Row("Venteliste", w.Name, "Tilbud udløbet", w.Expired);
            Row("Venteliste", w.Name, "Dage på listen for dem, der fik bolig (median)", w.MedianDaysWaitedByHoused);
        }
        var s110 = f.Section110;
        Row("§ 110", All, "Indskrivninger", s110.Admissions);
        foreach (var c in s110.AdmissionsByHandlekommune) Row("§ 110 efter handlekommune", c.Name, "Indskrivninger", c.Count);
        Row("§ 110", All, "Indskrivninger uden CPR-nummer", s110.AdmissionsWithoutCpr);
        Row("§ 110", All, "Personer uden CPR-nummer", s110.PersonsWithoutCpr);
        Row("§ 110", "Tælleår", "Personer nær tærsklen", s110.PersonsAtWarning);
        Row("§ 110", "Tælleår", "Personer over tærsklen", s110.PersonsPastThreshold);
        Row("§ 110", "Tælleår", "Nætter over tærsklen", s110.NightsPastThreshold);
        Row("§ 110", All, "Udskrivninger", s110.Discharges);
        foreach (var c in s110.DischargesByFollowUpSupport)
            Row("§ 110 opfølgning", DstCodes.Label(Enum.Parse<FollowUpSupport>(c.Name)), "Udskrivninger", c.Count);
        Row("§ 110", "Opfølgning", "Besluttet før udskrivning", s110.FollowUpDecidedBeforeDischarge);
        Row("§ 110", All, "Genindskrivninger inden for 12 måneder", s110.Readmissions12Months);
        Row("§ 110", All, "Udskrevet til gaden eller ukendt", s110.DischargesToStreetOrUnknown);
        foreach (var c in s110.AdmissionsByPriorResidence)
            Row("§ 110 opholdssted før", DstCodes.Label(Enum.Parse<PriorResidence>(c.Name)), "Indskrivninger", c.Count);
        Row("§ 110", All, "Indskrevet fra hospital, psykiatri eller fængsel", s110.AdmissionsFromHospitalPsychiatryOrPrison);
        Row("§ 110", "Afvisning", "Indskrevet efter en afvisning", s110.AdmissionsAfterTurnaway);
        Row("§ 110", "Afvisning", "Dage fra første afvisning (median)", s110.MedianDaysFromFirstTurnaway);
        foreach (var r in new[] { s110.HousingKeptSixMonths, s110.HousingKeptTwelveMonths })
        {
            var after = $"Efter {r.Months} måneder";
            Row("Bolig fastholdt", after, "Personer i kohorten", r.Cohort);
            Row("Bolig fastholdt", after, "Stadig i bolig", r.StillHoused);
            Row("Bolig fastholdt", after, "Stadig i bolig (andel)", Share.Of(r.Share));
        }
        Row("Ungeboliger", All, "Nye på listen", f.YouthHousing.NewEntries);
        Row("Ungeboliger", All, "Venter ved månedens slutning", f.YouthHousing.WaitingAtMonthEnd);
        Row("Ungeboliger", All, "Dage til accepteret tilbud (median)", f.YouthHousing.MedianDaysToAcceptedOffer);
        Row("Ungeboliger", All, "Unge afvist", f.YouthHousing.YoungTurnedAway);
        foreach (var p in f.ExtraBeds.Places)
        {
            Row("Ekstra senge", p.Name, "Nætter åbne", p.NightsOpen);
            Row("Ekstra senge", p.Name, "Kapacitet (sengenætter)", p.CapacityBedNights);
            Row("Ekstra senge", p.Name, "Belagte sengenætter", p.OccupiedBedNights);
            Row("Ekstra senge", p.Name, "Belægningsgrad (andel)", Share.Of(p.OccupancyRate));
        }
        Row("Ekstra senge", All, "Nætter åbne", f.ExtraBeds.NightsOpen);
        Row("Ekstra senge", All, "Kapacitet (sengenætter)", f.ExtraBeds.CapacityBedNights);
        Row("Ekstra senge", All, "Belagte sengenætter", f.ExtraBeds.OccupiedBedNights);
        Row("Ekstra senge", All, "Belægningsgrad (andel)", Share.Of(f.ExtraBeds.OccupancyRate));
        Row("Overgange", All, "Overgange med datoen i måneden", f.Transitions.Total);
        foreach (var c in f.Transitions.ByKind) Row("Overgange efter slags", MonthlyReportPdf.Word(c.Name), "Overgange", c.Count);
        foreach (var c in f.Transitions.Outcomes) Row("Overgange efter udfald", TransitionFigures.Label(c.Name), "Overgange", c.Count);
        Row("Overgange", All, "Dages varsel (median)", f.Transitions.MedianDaysOfNotice);
        Row("Underretninger", "§ 110", "Skulle sendes", f.Notifications.Due);
        Row("Underretninger", "§ 110", "Sendt til tiden", f.Notifications.OnTime);
        Row("Underretninger", "§ 110", "Sendt til tiden (andel)", Share.Of(f.Notifications.ShareOnTime));
        foreach (var t in f.Trend)
            Row("Udvikling", MonthlyReportPdf.MonthName(t.Month), $"Belægningsgrad (andel): {Kind(t.Kind)}",
                Share.Of(t.OccupancyRate));
        return rows;
    }
}
