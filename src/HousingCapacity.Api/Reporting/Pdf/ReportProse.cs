namespace HousingCapacity.Api.Reporting.Pdf;

/// <summary>
/// The report's Danish prose, kept as text beside the code that lays it out (embedded resources of this folder): paragraphs apart
/// by a blank line, the lines of a paragraph joined by a space.
/// </summary>
public static class ReportProse
{
    public static IReadOnlyList<string> Paragraphs(string resource)
    {
        using var stream = typeof(ReportProse).Assembly.GetManifestResourceStream($"HousingCapacity.Api.Reporting.{resource}")
            ?? throw new InvalidOperationException($"The report's text {resource} is not embedded.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries))).ToList();
    }
}
