namespace HousingCapacity.Api.Reporting;

/// <summary>
/// A table header in the report may break over lines with '\n', and a word may be hyphenated there ("Kapa-\ncitet") so that it fits
/// a narrow column in the PDF. Read out, or shown where there is room, the header is the words themselves.
/// </summary>
public static class ReportHeaders
{
    public static string Plain(string header) => header.Replace("-\n", "", StringComparison.Ordinal).Replace('\n', ' ');
}
