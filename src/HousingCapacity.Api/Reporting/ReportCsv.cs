namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The figures as CSV for a spreadsheet, in long form, one figure a row (<see cref="ReportRows"/>): Afsnit;Emne;Mål;Værdi.
/// Semicolon-separated, UTF-8 with BOM and numbers with a decimal comma, so that Danish Excel opens it as it is and reads the
/// numbers as numbers; shares are fractions (0,9778); hidden small counts are "&lt;5".
/// </summary>
public static class ReportCsv
{
    /// <summary>The file's name without extension, for the endpoint and the committee's page.</summary>
    public static string FileName(MonthlyFigures f) => $"belaegning-{f.MunicipalityCode}-{f.Month}";

    /// <summary>The CSV as sent: UTF-8 with a BOM, so that Excel reads the Danish letters (<see cref="CsvFile"/>).</summary>
    public static byte[] Bytes(MonthlyFigures f) => CsvFile.WriteDanish(ReportRows.Header, csv =>
    {
        foreach (var row in ReportRows.Of(f))
        {
            // Names (a facility's, a waitlist's) are text, escaped if they would run as a formula; figures are numbers.
            csv.WriteField(row.Section);
            csv.WriteField(row.Item);
            csv.WriteField(row.Measure);
            switch (row.Value)
            {
                case null: csv.WriteField(""); break;
                case Share share: csv.WriteField(share.Fraction, "0.####"); break;
                case double d: csv.WriteField(d, "0.####"); break;
                case int i: csv.WriteField(i, ""); break;
                case long l: csv.WriteField(l, ""); break;
                case decimal m: csv.WriteField(m, "0.####"); break;
                case bool b: csv.WriteField(b ? "ja" : "nej"); break;
                case var value: csv.WriteField(value.ToString()); break;
            }
            csv.EndRecord();
        }
    });

    /// <summary>The CSV as text, without the byte order mark.</summary>
    public static string Render(MonthlyFigures f) => System.Text.Encoding.UTF8.GetString(Bytes(f)).TrimStart('\uFEFF');
}
