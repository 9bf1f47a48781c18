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

    public static string Status(UnitStatus status) => status == UnitStatus.InService ? "I drift" : "Ude af drift";

    public static string Date(LocalDate date) => date.ToString("d. MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("da-DK"));

    public static string Date(DateOnly date) => Date(date.ToLocalDate());

    public static string Time(DateTimeOffset at) =>
        Instant.FromDateTimeOffset(at).InZone(DanishTime.Zone).ToString("d. MMM 'kl.' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("da-DK"));

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Reporting.Pdf.MonthlyReportPdf.Word(value.ToString());
}
