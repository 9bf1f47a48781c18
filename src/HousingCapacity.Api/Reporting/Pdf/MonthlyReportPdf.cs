using System.Globalization;
using NodaTime.Text;

namespace HousingCapacity.Api.Reporting.Pdf;

/// <summary>Draws <see cref="MonthlyFigures"/> as the committee's PDF, in Danish. Knows layout, not how figures are made.</summary>
public static class MonthlyReportPdf
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    public static string Kind(FacilityKind kind) => kind switch
    {
        FacilityKind.Section110Shelter => "Forsorgshjem/herberg (§ 110)",
        FacilityKind.EmergencyBeds => "Akutpladser/natvarmestue",
        FacilityKind.SkaevBolig => "Skæve boliger",
        FacilityKind.HousingFirst => "Housing First-boliger",
        FacilityKind.YouthHousing => "Ungeboliger",
        FacilityKind.AkutBolig => "Akutboliger",
        _ => "Midlertidigt botilbud (§ 107)",
    };

    /// <summary>The kind in a narrow column: the same words, shortened where a long one would not fit.</summary>
    public static string KindShort(FacilityKind kind) => kind switch
    {
        FacilityKind.Section110Shelter => "§ 110-tilbud",
        FacilityKind.EmergencyBeds => "Akutpladser",
        FacilityKind.Section107 => "§ 107-botilbud",
        _ => Kind(kind),
    };

    private static readonly Dictionary<string, string> Words = new()
    {
        [nameof(DischargeReason.Planned)] = "Planlagt udskrivning",
        [nameof(DischargeReason.SelfDischarged)] = "Udeblevet/udskrevet sig selv",
        [nameof(DischargeReason.Expelled)] = "Bortvist",
        [nameof(DischargeReason.TransferredToOtherOffer)] = "Overflyttet til andet tilbud",
        [nameof(DischargeReason.Hospitalised)] = "Indlagt",
        [nameof(DischargeReason.Imprisoned)] = "Fængslet",
        [nameof(DischargeReason.Deceased)] = "Død",
        [nameof(DischargeReason.Unknown)] = "Ukendt",
        [nameof(Destination.OwnHome)] = "Egen bolig",
        [nameof(Destination.SkaevBolig)] = "Skæv bolig",
        [nameof(Destination.HousingFirstHome)] = "Housing First-bolig",
        [nameof(Destination.SupportedHousing)] = "Botilbud",
        [nameof(Destination.OtherShelter)] = "Andet herberg/forsorgshjem",
        [nameof(Destination.FamilyOrFriends)] = "Familie/venner",
        [nameof(Destination.Hospital)] = "Hospital",
        [nameof(Destination.Prison)] = "Fængsel",
        [nameof(Destination.Street)] = "Gaden",
        [nameof(Destination.Abroad)] = "Udlandet",
        [nameof(TurnawayReason.Full)] = "Fuldt belagt",
        [nameof(TurnawayReason.GenderRestricted)] = "Kønsbegrænsning",
        [nameof(TurnawayReason.AgeRestricted)] = "Aldersgrænse",
        [nameof(TurnawayReason.YouthInSection110)] = "Ung (18–25) – § 110",
        [nameof(TurnawayReason.Intoxicated)] = "Påvirket",
        [nameof(TurnawayReason.Violence)] = "Vold/trusler",
        [nameof(TurnawayReason.Other)] = "Andet",
        ["None"] = "Ingen metode",
        // TransitionKind.Other is "Andet" (above).
        [nameof(TransitionKind.PrisonRelease)] = "Løsladelse fra fængsel eller arresthus",
        [nameof(TransitionKind.PsychiatryDischarge)] = "Udskrivning fra psykiatrien",
        [nameof(TransitionKind.HospitalDischarge)] = "Udskrivning fra hospital",
        [nameof(TransitionKind.TreatmentEnd)] = "Behandling slutter (fx misbrugsbehandling)",
        [nameof(TransitionKind.Section107Or108End)] = "Ophold på botilbud (§ 107 eller § 108) slutter",
        [nameof(TransitionKind.Eviction)] = "Udsættelse af boligen (fogedsag)",
    };

    public static string Word(string key) => Words.GetValueOrDefault(key, key);
    private static string N(long n) => n.ToString("N0", Da);
    private static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.0", Da) + " %" : "–";
    private static string Num(double? value) => value is { } v ? v.ToString("0.#", Da) : "–";
    private static string C(PersonCount c) => c.Suppressed ? "<5" : N(c.Value);

    /// <summary>A table's categories with the small ones merged into "Øvrige" (<see cref="SmallCategories"/>).</summary>
    private static List<IReadOnlyList<string>> Merged(IEnumerable<NamedCount> cells, Func<string, string> label) =>
        SmallCategories.Merge(cells, label).Select(r => (IReadOnlyList<string>)[r.Label, C(r.Count)]).ToList();

    public static string MonthName(string month)
    {
        var date = new LocalDate(int.Parse(month[..4], CultureInfo.InvariantCulture), int.Parse(month[5..], CultureInfo.InvariantCulture),
            1);
        return date.ToString("MMMM yyyy", Da);
    }

    public static byte[] Render(MonthlyFigures f)
    {
        var title = $"Månedsrapport om belægning – {f.MunicipalityName} Kommune – {MonthName(f.Month)}";
        return PdfLayout.Render(title, "Belægning på herberger, akutpladser og boliger for hjemløse og socialt udsatte",
            $"{f.MunicipalityName} Kommune · {MonthName(f.Month)} · kun samlede tal, ingen personoplysninger", canvas => Write(canvas, f));
    }

    /// <summary>The report's content, on the PDF or on the committee's page: the same sections, tables and charts.</summary>
    public static void Write(IReportCanvas pdf, MonthlyFigures f)
    {
        var generated = f.GeneratedAt.InZone(DanishTime.Zone);

        // Cover: what the report is, and the month in brief
        pdf.NewPage();
        pdf.Space(30);
        pdf.Paragraph("Udsatterådet og Social- og Sundhedsudvalget", ReportText.Subtitle);
        pdf.Heading("Månedsrapport: belægning på herberger, akutpladser og boliger", ReportText.Title);
        pdf.Heading($"{f.MunicipalityName} Kommune (kommunekode {f.MunicipalityCode})", ReportText.Subtitle);
        pdf.Paragraph($"Måned: {MonthName(f.Month)} ({f.Nights} nætter: " +
            $"{f.FirstNight.ToString("d. MMMM", Da)}–{f.LastNight.ToString("d. MMMM yyyy", Da)}). " +
            $"Dannet {generated.Date.ToString("d. MMMM yyyy", Da)} kl. {generated.TimeOfDay.ToString("HH:mm", Da)} (dansk tid).");
        if (f.CorrectedOn is { } corrected)
            pdf.Paragraph($"Rettet {corrected.ToString("d. MMMM yyyy", Da)}: månedens egne oplysninger er rettet, efter måneden " +
                "sluttede, og tallene kan derfor afvige fra en tidligere udgave af rapporten.", ReportText.Bold);
        if (f.InProgress)
            pdf.Paragraph("OBS: Måneden er ikke afsluttet. Tallene omfatter nætterne til og med " +
                $"{f.LastNight.ToString("d. MMMM", Da)} og kan ændre sig.", ReportText.Bold);
        pdf.Heading("Kort fortalt");
        pdf.List(ReportSummary.Sentences(f));
        pdf.Paragraph("Rapporten indeholder kun samlede tal. Antal personer mellem 1 og 4 vises som \"<5\" (i teksten \"færre end 5\"), " +
            "og tekster vises uden navne og CPR-numre. Tallene for en afsluttet måned opgøres, som de stod ved månedens slutning.",
            ReportText.Small);

        // Summary
        pdf.NewPage();
        pdf.Heading("Nøgletal", ReportText.Title);
        pdf.Table(["Nøgletal", "Værdi"], [3, 1],
        [
            ["Kapacitet (sengenætter i drift)", N(f.Total.CapacityBedNights)],
            ["Belagte sengenætter (registrerede ophold)", N(f.Total.OccupiedBedNights)],
            ["Belægningsgrad", Pct(f.Total.OccupancyRate)],
            ["Belægningsgrad efter tilbuddenes egne indberetninger", Pct(f.Total.ReportedOccupancyRate)],
            ["Indskrivninger", C(f.Flow.Admissions)],
            ["Udskrivninger", C(f.Flow.Discharges)],
            ["Forskellige personer med mindst én nat", C(f.Flow.DistinctPersons)],
            ["Gennemsnitlig længde af afsluttede ophold (nætter)", Num(f.Flow.MeanNightsOfCompletedStays)],
            ["Median længde af afsluttede ophold (nætter)", Num(f.Flow.MedianNightsOfCompletedStays)],
            ["Personer over tærsklen i § 110-optællingsåret", C(f.Flow.PersonsPastSection110Threshold)],
            ["Afvisninger (uopfyldt behov)", C(f.Flow.Turnaways)],
            [$"Unge {f.Youth.MinAge}–{f.Youth.MaxAge} år indskrevet i § 110-tilbud", C(f.Youth.AdmittedToSection110)],
            ["– heraf med registreret begrundelse for undtagelse", C(f.Youth.RecordedExceptions)],
            ["Underretninger inden for 3 hverdage (§ 110, stk. 6)",
                f.Notifications.ShareOnTime is null ? $"{C(f.Notifications.OnTime)} af {C(f.Notifications.Due)}"
                    : Pct(f.Notifications.ShareOnTime)],
        ], ReportText.Regular);

        pdf.Heading("Belægning efter type af tilbud");
        pdf.Table(["Type", "Tilbud", "Senge", "Belægning", "Forrige\nmåned", "Ændring\n(pct.-point)"], [3, 1, 1, 1.2, 1.2, 1.5],
            f.Kinds.Select(k => (IReadOnlyList<string>)[Kind(k.Kind), N(k.Facilities), N(k.Beds), Pct(k.Occupancy.OccupancyRate),
                Pct(k.PreviousMonthRate),
                k.ChangeInPercentagePoints is { } ch ? ch.ToString("+0.0;-0.0;0.0", Da) : "–"]).ToList());

        var max = Math.Max(1, f.Kinds.Select(k => k.Occupancy.OccupancyRate ?? 0).DefaultIfEmpty(0).Max());
        pdf.BarChart("Belægningsgrad efter type af tilbud", f.Kinds.Select(k => (Kind(k.Kind), k.Occupancy.OccupancyRate,
            Pct(k.Occupancy.OccupancyRate))).ToList(), max);

        // Trend
        pdf.NewPage();
        pdf.Heading("Udvikling", ReportText.Title);
        // One series per kind, in the kinds' order; the table names them short.
        var months = f.Trend.Select(t => t.Month).Distinct().Order(StringComparer.Ordinal).ToList();
        var kinds = f.Trend.Select(t => t.Kind).Distinct().Order().ToList();
        var series = kinds.Select(kind => new TrendSeries(Kind(kind), months.Select(m => f.Trend.FirstOrDefault(t => t.Kind == kind
            && t.Month == m)?.OccupancyRate).ToList())).ToList();
        var yearMonths = months.Select(m => YearMonthPattern.Iso.Parse(m).Value).ToList();
        // A municipality without places has no occupancy to follow (its report still has its transitions and waitlists).
        if (yearMonths.Count == 0) pdf.Paragraph("Kommunen har ingen tilbud, hvis belægning kan følges.", ReportText.Regular);
        else
        {
            pdf.TrendCharts($"Belægningsgrad måned for måned, {ChartText.MonthLong(yearMonths[0])}–" +
                $"{ChartText.MonthLong(yearMonths[^1])}, pr. type af tilbud", yearMonths, series);
            pdf.Table(["Måned", .. kinds.Select(KindShort)], [1.1, .. kinds.Select(_ => 1.0)],
                yearMonths.Select((m, i) => (IReadOnlyList<string>)[ChartText.MonthLong(m), .. series.Select(x => Pct(x.Values[i]))])
                    .ToList());
        }

        // Per kind
        pdf.NewPage();
        pdf.Heading("Belægning pr. tilbud", ReportText.Title);
        foreach (var group in f.Facilities.GroupBy(r => r.Kind).OrderBy(g => g.Key))
        {
            pdf.Heading(Kind(group.Key));
            pdf.Table(["Tilbud", "Senge", "Kapa-\ncitet", "Belagt", "Belæg-\nning", "Ude af\ndrift",
                    "Indb.\nbelagt", "Indb.\nbelæg-\nning", "Mang-\nler\nindb.", "Afvi-\ngelser"],
                [3.5, 0.9, 1, 1, 1, 0.9, 1, 1, 0.9, 0.9],
                group.Select(r => (IReadOnlyList<string>)[r.Name, N(r.Beds), N(r.CapacityBedNights), N(r.OccupiedBedNights),
                    Pct(r.OccupancyRate),
                    N(r.OutOfServiceBedNights), r.ReportedNights > 0 ? N(r.ReportedOccupiedBedNights) : "–", Pct(r.ReportedOccupancyRate),
                    N(r.MissingReportNights), N(r.DisagreeingNights)]).ToList());
        }

        pdf.Paragraph("Kapacitet, belagt og ude af drift er sengenætter. Indb. = tilbuddets egne indberetninger. Mangler indb. = nætter " +
            "uden indberetning; afvigelser = nætter, hvor den indberettede belægning ikke svarer til de registrerede ophold.",
                          ReportText.Small);

        // Extra beds (issue 28.4): apart from the regular capacity above.
        var extra = f.ExtraBeds;
        pdf.Heading("Ekstra senge (kuldeberedskab og lignende)", ReportText.Title);
        if (extra.Places.Count == 0)
            pdf.Paragraph("Ingen tilbud havde ekstra senge åbne i måneden.", ReportText.Regular);
        else
        {
            pdf.Paragraph($"Ekstra senge var åbne {Features.Shared.Words.NightCount(extra.NightsOpen)} i måneden. De " +
                "er ikke med i kapaciteten og belægningen ovenfor.", ReportText.Regular);
            pdf.Table(["Tilbud", "Nætter\nåbne", "Kapa-\ncitet", "Belagt", "Belæg-\nning"], [3.5, 1, 1, 1, 1],
            [
                .. extra.Places.Select(p => (IReadOnlyList<string>)[p.Name, N(p.NightsOpen), N(p.CapacityBedNights),
                    N(p.OccupiedBedNights), Pct(p.OccupancyRate)]),
                ["I alt", N(extra.NightsOpen), N(extra.CapacityBedNights), N(extra.OccupiedBedNights), Pct(extra.OccupancyRate)],
            ]);
        }

        // Flow
        pdf.Heading("Ind- og udskrivninger", ReportText.Title);
        pdf.Table(["Udskrivningsårsag", "Antal"], [3, 1], Merged(f.Flow.DischargesByReason, Word));
        pdf.Table(["Hvor gik personen hen", "Antal"], [3, 1], Merged(f.Flow.DischargesByDestination, Word));
        pdf.Table(["Afvisninger efter årsag", "Antal"], [3, 1], Merged(f.Flow.TurnawaysByReason, Word));

        // Youth
        pdf.Heading($"Unge {f.Youth.MinAge}–{f.Youth.MaxAge} år i § 110-tilbud", ReportText.Title);
        pdf.Paragraph($"Politikken er, at unge mellem {f.Youth.MinAge} og {f.Youth.MaxAge} år som udgangspunkt ikke anbringes i § " +
            "110-tilbud. " +
                      $"I måneden blev {C(f.Youth.AdmittedToSection110)} unge indskrevet i § 110-tilbud (også akutpladser efter § 110); " +
                          $"{C(f.Youth.RecordedExceptions)} med registreret begrundelse.");
        if (f.Youth.JustificationsWithheld) pdf.Paragraph("Begrundelserne vises ikke, fordi der er færre end 5.", ReportText.Small);
        pdf.List(f.Youth.Justifications);

        // §110 follow-up
        var s = f.Section110;
        pdf.Heading("§ 110-tilbud: opfølgning", ReportText.Title);
        pdf.Table(["§ 110-tilbud (efter lovgrundlag)", "Antal"], [3, 1],
        [
            ["Indskrivninger", C(s.Admissions)],
            ["– heraf personer uden CPR-nummer (anonyme)", C(s.AdmissionsWithoutCpr)],
            ["Personer uden CPR-nummer med mindst én nat", C(s.PersonsWithoutCpr)],
            ["– indskrevet direkte fra hospital, psykiatri eller fængsel", C(s.AdmissionsFromHospitalPsychiatryOrPrison)],
            ["– genindskrevet inden 12 måneder efter en udskrivning fra § 110", C(s.Readmissions12Months)],
            ["– indskrevet efter en afvisning (inden for 90 dage)", C(s.AdmissionsAfterTurnaway)],
            ["Median dage fra første afvisning til indskrivning", Num(s.MedianDaysFromFirstTurnaway)],
            ["Personer med varsel i optællingsåret (fx 60 eller 75 nætter)", C(s.PersonsAtWarning)],
            ["Personer over tærsklen i optællingsåret", C(s.PersonsPastThreshold)],
            ["Nætter over tærsklen i måneden", C(s.NightsPastThreshold)],
            ["Udskrivninger", C(s.Discharges)],
            ["– til gaden eller ukendt sted", C(s.DischargesToStreetOrUnknown)],
            ["– støtte efter opholdet besluttet inden udskrivning (§ 176 a)", C(s.FollowUpDecidedBeforeDischarge)],
            [$"Bevaret bolig 6 mdr. efter udskrivning til egen bolig ({C(s.HousingKeptSixMonths.StillHoused)} af " +
                $"{C(s.HousingKeptSixMonths.Cohort)})",
                Pct(s.HousingKeptSixMonths.Share)],
            [$"Bevaret bolig 12 mdr. efter udskrivning til egen bolig ({C(s.HousingKeptTwelveMonths.StillHoused)} af " +
                $"{C(s.HousingKeptTwelveMonths.Cohort)})",
                Pct(s.HousingKeptTwelveMonths.Share)],
        ], ReportText.Regular);
        pdf.Table(["Indskrivninger efter handlekommune", "Antal"], [3, 1], Merged(s.AdmissionsByHandlekommune, name => name));
        pdf.Table(["Opholdssted før indskrivningen", "Antal"], [3, 1],
            Merged(s.AdmissionsByPriorResidence, name => DstCodes.Label(Enum.Parse<PriorResidence>(name))));
        pdf.Table(["Efterfølgende støtte ved udskrivning (§ 176 a)", "Antal"], [3, 1],
            Merged(s.DischargesByFollowUpSupport, name => DstCodes.Label(Enum.Parse<FollowUpSupport>(name))));

        // Transitions (issue 28.3)
        var moves = f.Transitions;
        pdf.Heading("Overgange: kendte datoer for at miste taget over hovedet", ReportText.Title);
        pdf.Paragraph("Løsladelser, udskrivninger, ophold på botilbud der slutter, og udsættelser, hvor kommunen kendte datoen, og " +
            "datoen faldt i måneden. Udfaldet er, som det stod ved månedens slutning.", ReportText.Small);
        pdf.Table(["Overgange", "Antal"], [3, 1],
        [
            ["Overgange med datoen i måneden", C(moves.Total)],
            .. moves.Outcomes.Select(o => (IReadOnlyList<string>)["– " + TransitionFigures.Label(o.Name), C(o.Count)]),
            ["Median dages varsel (fra kommunen fik besked til datoen)", Num(moves.MedianDaysOfNotice)],
        ], ReportText.Regular);
        pdf.Table(["Overgange efter slags", "Antal"], [3, 1], Merged(moves.ByKind, Word));

        pdf.Heading("Efterspørgsel efter ungeboliger", ReportText.Title);
        pdf.Table(["Ungeboliger", "Antal"], [3, 1],
        [
            ["Nye på ventelisterne til ungeboliger", C(f.YouthHousing.NewEntries)],
            ["Venter ved månedens slutning", C(f.YouthHousing.WaitingAtMonthEnd)],
            ["Median dage fra ansøgning til accepteret tilbud", Num(f.YouthHousing.MedianDaysToAcceptedOffer)],
            [$"Unge {f.Youth.MinAge}–{f.Youth.MaxAge} år afvist ved § 110-tilbud", C(f.YouthHousing.YoungTurnedAway)],
        ], ReportText.Regular);

        // Housing First
        pdf.Heading("Housing First", ReportText.Title);
        pdf.Table(["Housing First", "Antal"], [3, 1],
            Merged(f.HousingFirst.ActiveBySupportMethod, Word).Select(r => (IReadOnlyList<string>)[$"Aktive forløb – {r[0]}", r[1]])
                .Append(["Startet i måneden", C(f.HousingFirst.Started)]).Append(["Afsluttet i måneden", C(f.HousingFirst.Ended)])
                .Append([$"Stadig i bolig efter 6 mdr. ({C(f.HousingFirst.SixMonths.StillHoused)} af {C(f.HousingFirst.SixMonths.Cohort)})",
                    Pct(f.HousingFirst.SixMonths.Share)])
                .Append([$"Stadig i bolig efter 12 mdr. ({C(f.HousingFirst.TwelveMonths.StillHoused)} af " +
                    $"{C(f.HousingFirst.TwelveMonths.Cohort)})", Pct(f.HousingFirst.TwelveMonths.Share)])
                .ToList());

        // Waitlists
        pdf.Heading("Ventelister", ReportText.Title);
        pdf.Table(["Venteliste", "Venter ved\nmånedens\nslutning", "Nye", "Tilbud", "Accep-\nteret", "Afslået", "Udløbet",
            "Median\nventetid\n(dage)"],
            [3.2, 1.2, 0.8, 0.8, 1, 0.9, 0.9, 1.1],
            f.Waitlists.Select(w => (IReadOnlyList<string>)[w.Name, C(w.EntriesAtMonthEnd), C(w.NewEntries), C(w.OffersMade), C(w.Accepted),
                C(w.Declined), C(w.Expired), Num(w.MedianDaysWaitedByHoused)]).ToList());

        // Data quality
        pdf.Heading("Datakvalitet", ReportText.Title);
        if (f.DataQuality.Count == 0) pdf.Paragraph("Ingen bemærkninger: alle tilbud har indberettet hver nat, og indberetningerne " +
            "stemmer med de registrerede ophold.");
        foreach (var note in f.DataQuality) pdf.Paragraph($"{note.Facility}: {note.NoteDa}", ReportText.Small);

        // Methodology: an appendix on a page of its own, in the tables' size, so that it fits on that one page and does not leave
        // a page with a few lines at the end.
        pdf.NewPage();
        pdf.Heading("Metode og definitioner", ReportText.Title);
        foreach (var paragraph in Methodology(f.Youth)) pdf.Paragraph(paragraph, ReportText.Small);
    }

    /// <summary>The youth rule as the report's municipality has it: its own policy, or its default, never another's.</summary>
    private static string YouthMethodology(Youth y) =>
        $"Unge: personer mellem {y.MinAge} og {y.MaxAge} år på indskrivningsdatoen (hele år; fødselsdag 29. februar regnes fra " +
        $"1. marts i almindelige år). Reglen er kommunens egen, ikke lov: {y.PolicyCitation}" + (y.PolicyApplies
            ? $": unge mellem {y.MinAge} og {y.MaxAge} år anbringes som udgangspunkt ikke i § 110-tilbud. Undtagelser kræver en " +
              "skriftlig begrundelse, som vises her uden navne og CPR-numre. Hvert ophold vurderes efter den version af politikken, " +
              "der gjaldt på indskrivningsdatoen."
            : ". Kommunen har ingen sådan regel ved månedens udgang; tallene viser unge i § 110-tilbud til orientering.");

    /// <summary>
    /// The methodology appendix in Danish (Methodology.txt, paragraphs apart by a blank line; {youth} is the report's municipality's own
    /// youth rule).
    /// </summary>
    private static IEnumerable<string> Methodology(Youth youth) =>
        MethodologyText.Select(p => p == "{youth}" ? YouthMethodology(youth) : p);

    // Read once: the text is part of the build, the same for every report.
    private static readonly IReadOnlyList<string> MethodologyText = ReportProse.Paragraphs("Methodology.txt");
}
