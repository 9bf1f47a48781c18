namespace HousingCapacity.Api.Features.Shared;

/// <summary>The Danish words for the domain's values, as the pages show them.</summary>
public static class Words
{
    public static string Kind(FacilityKind kind) => Reporting.Pdf.MonthlyReportPdf.Kind(kind);

    public static string Basis(LegalBasis basis) => basis switch
    {
        LegalBasis.Section110 => "§ 110 (forsorgshjem/herberg)",
        LegalBasis.Section104 => "§ 104 (væresteder, natvarmestuer)",
        LegalBasis.Section107 => "§ 107 (midlertidigt botilbud)",
        LegalBasis.Section108 => "§ 108 (længerevarende botilbud)",
        LegalBasis.Section85aHome => "§ 85 a (bostøtte i egen bolig)",
        LegalBasis.SkaevBolig149a => "Almenboligloven § 149 a (skæve boliger)",
        LegalBasis.Startbolig101a => "Almenboligloven § 101 a (startboliger)",
        LegalBasis.Ungdomsbolig => "Ungdomsbolig",
        LegalBasis.TemporaryHousing => "Midlertidig bolig",
        _ => basis.ToString(),
    };

    /// <summary>A number with its noun in the right number: "1 seng", "3 senge", "0 senge".</summary>
    public static string Count(int n, string one, string many) =>
        $"{n.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("da-DK"))} {(n == 1 ? one : many)}";

    public static string Status(UnitStatus status) => status == UnitStatus.InService ? "I drift" : "Ude af drift";

    public static string Date(LocalDate date) => DanishTime.Text(date);

    public static string Date(DateOnly date) => Date(date.ToLocalDate());

    /// <summary>A time of day as Danes write it: "22.00".</summary>
    public static string Clock(LocalTime time) => time.ToString("HH'.'mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A night without ambiguity: "natten mellem 5. og 6. december" ("natten til 6. dec." read on the evening of the 6th is the
    /// night before). The night is named by the date it began.
    /// </summary>
    public static string Night(LocalDate night)
    {
        var da = System.Globalization.CultureInfo.GetCultureInfo("da-DK");
        var morning = night.PlusDays(1);
        return night.Month == morning.Month
            ? $"natten mellem {night.Day}. og {morning.ToString("d. MMMM", da)}"
            : $"natten mellem {night.ToString("d. MMMM", da)} og {morning.ToString("d. MMMM", da)}";
    }

    /// <summary>A period of extra beds in one line: "6 ekstra senge · Kuldeberedskab · nætterne 10. januar – 23. januar 2026".</summary>
    public static string ExtraBedsPeriod(ExtraBeds e) =>
        $"{Count(e.Beds, "ekstra seng", "ekstra senge")} · {Reason(e.Reason)} · " + (e.Nights == 0 ? "aflyst"
            : $"nætterne {Nights(e.FirstNight, e.LastNight)}{(e.ClosedEarlyAt is null ? "" : " (lukket før tid)")}");

    /// <summary>Why a place opened extra beds, as staff say it.</summary>
    public static string Reason(ExtraBedsReason reason) => reason switch
    {
        ExtraBedsReason.ColdWeather => "Kuldeberedskab",
        ExtraBedsReason.Winter => "Vinterberedskab",
        _ => "Andet",
    };

    /// <summary>A number of nights: "1 nat", "14 nætter".</summary>
    public static string NightCount(int nights) => Count(nights, "nat", "nætter");

    /// <summary>A run of nights, first and last both included: "1. – 14. januar 2026" (one night: its date).</summary>
    public static string Nights(DateOnly first, DateOnly last) => first == last ? Date(first) : Stay(first, last);

    /// <summary>A stay from its first night to the morning it ended: "4. maj – 20. maj 2026"; "siden 4. maj 2026" while it
    /// runs.</summary>
    public static string Stay(DateOnly start, DateOnly? end)
    {
        var da = System.Globalization.CultureInfo.GetCultureInfo("da-DK");
        if (end is not { } e) return $"siden {Date(start)}";
        return start.Year == e.Year
            ? $"{start.ToString("d. MMMM", da)} – {e.ToString("d. MMMM yyyy", da)}"
            : $"{start.ToString("d. MMMM yyyy", da)} – {e.ToString("d. MMMM yyyy", da)}";
    }

    public static string Time(DateTimeOffset at) =>
        Instant.FromDateTimeOffset(at).InZone(DanishTime.Zone).ToString("d. MMM 'kl.' HH:mm",
            System.Globalization.CultureInfo.GetCultureInfo("da-DK"));

    /// <summary>A discharge reason, destination or turnaway reason as the report words it; a waitlist entry's or offer's status.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => value switch
    {
        WaitlistEntryStatus.Waiting => "Venter",
        WaitlistEntryStatus.Offered => "Tilbudt en bolig",
        WaitlistEntryStatus.Housed => "Har fået bolig",
        WaitlistEntryStatus.Withdrawn => "Trukket tilbage",
        OfferStatus.Pending => "afventer svar",
        OfferStatus.Accepted => "accepteret",
        OfferStatus.Declined => "afslået",
        OfferStatus.Expired => "udløbet",
        TransitionStatus.Open => "Åben",
        TransitionStatus.PlaceSecured => "Plads sikret",
        TransitionStatus.DeclinedByPerson => "Afslået af personen",
        TransitionStatus.Lapsed => "Datoen gik uden plads",
        _ => Reporting.Pdf.MonthlyReportPdf.Word(value.ToString()),
    };

    /// <summary>An access-log operation ("Read", "Create Placement 12", "IdentifyByCpr Person 3") in Danish, for the log's page.</summary>
    public static string Operation(string operation)
    {
        var parts = operation.Split(' ');
        // The files for Danmarks Statistik: "DstFile {boform} {yyyy-Qn}" and "DstExport {kommunekode} {yyyy-Qn}".
        if (parts is ["DstFile" or "DstExport", var of, var period] && period.Split("-Q") is [var year, var quarter])
            return $"Fil til Danmarks Statistik for {quarter}. kvartal {year} " +
                   (parts[0] == "DstFile" ? $"(boform {of})" : $"(alle boformer i kommune {of})");
        var verb = parts[0] switch
        {
            "Read" => "Læst",
            "Create" => "Oprettet",
            "Update" => "Ændret",
            "Delete" => "Slettet",
            "IdentifyByCpr" => "Identificeret ved CPR-nummer",
            var other => other,
        };
        if (parts.Length < 2) return verb;
        var record = parts[1] switch
        {
            "Placement" => "ophold",
            "Person" => "person",
            "WaitlistEntry" => "ventelisteplads",
            "Offer" => "boligtilbud",
            "Turnaway" => "afvisning",
            "BedHold" => "reservation",
            "SupportPeriod" => "støtteperiode",
            var other => other,
        };
        return $"{verb}: {record} {string.Join(' ', parts.Skip(2))}".TrimEnd();
    }

    public static string Role(string role) =>
        Enum.TryParse<Security.Role>(role, out var known) ? Shared.Navigation.RoleName(known) : role == "System" ? "Systemet" : role;
}
