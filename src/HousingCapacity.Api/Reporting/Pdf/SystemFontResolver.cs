using PdfSharp.Fonts;

namespace HousingCapacity.Api.Reporting.Pdf;

/// <summary>
/// The system's DejaVu fonts for PDFsharp (embedded in every PDF). A missing font is a clear error naming the
/// Debian package that ships it.
/// </summary>
public sealed class SystemFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts",
        "/Library/Fonts", @"C:\Windows\Fonts"];
    private static readonly Dictionary<string, string> Files = new()
    {
        ["DejaVuSans"] = "DejaVuSans.ttf",
        ["DejaVuSans-Bold"] = "DejaVuSans-Bold.ttf"
    };

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

    /// <summary>The font files the PDF needs that are not found (empty when all are there): the readiness check reads it.</summary>
    public static IReadOnlyList<string> MissingFiles() =>
        Files.Values.Where(file => !Folders.Any(folder => File.Exists(Path.Combine(folder, file)))).ToList();

    public byte[]? GetFont(string faceName)
    {
        var file = Files[faceName];
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        throw new MissingFontException($"The font {file} was not found (looked in {string.Join(", ", Folders)}). " +
                                       "Install it: apt-get install fonts-dejavu-core.");
    }

    /// <summary>
    /// PDFsharp's font settings are the library's own global state (GlobalFontSettings): set once per process, before the first
    /// XFont, by a type initializer (which runs once, whoever asks first).
    /// </summary>
    public static void Install() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Installed).TypeHandle);

    private static class Installed
    {
        static Installed() => GlobalFontSettings.FontResolver = new SystemFontResolver();
    }
}
