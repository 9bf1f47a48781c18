using System.Globalization;
using CsvHelper;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// Every CSV file the product writes (the committee's figures, the DST file, the access-log export) and reads (the capacity
/// import) goes through here, with CsvHelper (34: the new API). Written: semicolons (Danish Excel's separator), CRLF, UTF-8 with a
/// byte order mark, quotes where needed, and a text cell that a spreadsheet would run as a formula (one beginning with = + - @,
/// a tab or a carriage return) escaped with a leading apostrophe (OWASP "CSV injection"; issue 23: an X-Purpose of
/// <c>=HYPERLINK(…)</c> reached the GDPR export as a live cell). Numbers and dates are written as values, never escaped.
/// Read: the separator detected (semicolon or comma), quoted fields with the separator inside them kept whole.
/// </summary>
public static class CsvFile
{
    private static CsvWriterOptions WriterOptions(bool byteOrderMark, CultureInfo numbers) => new()
    {
        Separator = ';',
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = byteOrderMark,
        FormatProvider = numbers,
    };

    private static readonly CsvWriterOptions WriteOptions = WriterOptions(byteOrderMark: true, CultureInfo.InvariantCulture);

    /// <summary>As <see cref="WriteOptions"/>, with numbers as Danish Excel reads them: a decimal comma (0,9778).</summary>
    private static readonly CsvWriterOptions DanishOptions = WriterOptions(byteOrderMark: true, CultureInfo.GetCultureInfo("da-DK"));

    private static readonly CsvWriterOptions PlainOptions = WriterOptions(byteOrderMark: false, CultureInfo.InvariantCulture);

    private static readonly CsvReaderOptions ReadOptions = new()
    {
        HasHeader = false,
        DetectSeparatorHint = true,
        TrackLineNumbers = true,
        SkipEmptyLines = false,
        TrimWhitespace = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        MalformedData = CsvMalformedDataHandling.Recover,
    };

    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>A whole file: its header, then the rows <paramref name="rows"/> writes; numbers with a decimal point.</summary>
    public static byte[] Write(string[] header, Action<CsvWriter> rows) => Write(WriteOptions, header, rows);

    /// <summary>A whole file for people with Danish Excel: numbers with a decimal comma, so that they are read as numbers, not as
    /// text or dates.</summary>
    public static byte[] WriteDanish(string[] header, Action<CsvWriter> rows) => Write(DanishOptions, header, rows);

    private static byte[] Write(CsvWriterOptions options, string[] header, Action<CsvWriter> rows)
    {
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, options, leaveOpen: true))
        {
            csv.WriteRecord(header);
            rows(csv);
        }
        return bytes.ToArray();
    }

    /// <summary>A file of records only, no header and no byte order mark, for a machine that knows the fields' order (the DST
    /// txt file).</summary>
    public static byte[] WritePlain(Action<CsvWriter> rows)
    {
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, PlainOptions, leaveOpen: true)) rows(csv);
        return bytes.ToArray();
    }

    /// <summary>A row of text cells (escaped when they would run as formulas).</summary>
    public static void Row(this CsvWriter csv, params string?[] cells)
    {
        foreach (var cell in cells) csv.WriteField(cell ?? "");
        csv.EndRecord();
    }

    /// <summary>A file's lines as text fields, each with its line number in the file (for the import's errors).</summary>
    public static IEnumerable<(long Line, string[] Fields)> Read(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, ReadOptions);
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
            yield return (csv.LineNumber, fields);
        }
    }
}
