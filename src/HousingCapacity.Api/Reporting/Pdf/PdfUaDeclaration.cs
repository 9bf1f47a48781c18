using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;

namespace HousingCapacity.Api.Reporting.Pdf;

/// <summary>
/// Declares a saved PDF to be PDF/UA-1 (ISO 14289-1, 5: the XMP metadata holds pdfuaid:part 1 and, 7.1, dc:title). PDFsharp 6.2.4
/// writes its own XMP while saving and has no call for this, so the declaration is an incremental update (ISO 32000-1, 7.5.6):
/// a new version of the metadata object, appended with its own cross-reference section and a trailer pointing back to the first.
/// </summary>
public static partial class PdfUaDeclaration
{
    public static byte[] AppendTo(byte[] saved, PdfDocument document)
    {
        var metadata = document.Internals.Catalog.Elements.GetReference("/Metadata")
            ?? throw new InvalidOperationException("The saved PDF has no metadata object to replace.");
        var tail = Encoding.Latin1.GetString(saved, Math.Max(0, saved.Length - 4096), Math.Min(4096, saved.Length));
        var end = LastTrailer().Match(tail);
        if (!end.Success) throw new InvalidOperationException("The saved PDF ends without a trailer.");
        var previousXref = end.Groups["startxref"].Value;

        using var output = new MemoryStream();
        output.Write(saved);
        void Write(string text) => output.Write(Encoding.Latin1.GetBytes(text));

        var xmp = Encoding.UTF8.GetBytes(Xmp(document));
        var objectOffset = output.Position + 1;
        Write($"\n{metadata.ObjectNumber} {metadata.GenerationNumber} obj\n<</Type/Metadata/Subtype/XML/Length {xmp.Length}>>\nstream\n");
        output.Write(xmp);
        Write("\nendstream\nendobj\n");
        var xrefOffset = output.Position;
        // Each cross-reference entry is exactly 20 bytes: offset, generation, 'n', end of line.
        Write($"xref\n{metadata.ObjectNumber} 1\n{objectOffset:D10} {metadata.GenerationNumber:D5} n\r\n");
        Write($"trailer\n<<{end.Groups["trailer"].Value}/Prev {previousXref}>>\nstartxref\n{xrefOffset}\n%%EOF\n");
        return output.ToArray();
    }

    private static string Xmp(PdfDocument document)
    {
        var info = document.Info;
        string X(string text) => SecurityElement.Escape(text);
        var created = info.CreationDate.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"""
            <?xpacket begin="{'\uFEFF'}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
              <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
                  <pdfuaid:part>1</pdfuaid:part>
                </rdf:Description>
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <dc:format>application/pdf</dc:format>
                  <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{X(info.Title)}</rdf:li></rdf:Alt></dc:title>
                  <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{X(info.Subject)}</rdf:li></rdf:Alt></dc:description>
                  <dc:creator><rdf:Seq><rdf:li>{X(info.Author)}</rdf:li></rdf:Seq></dc:creator>
                  <dc:language><rdf:Bag><rdf:li>{PdfLayout.Language}</rdf:li></rdf:Bag></dc:language>
                </rdf:Description>
                <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
                  <pdf:Producer>{X(info.Producer)}</pdf:Producer>
                </rdf:Description>
                <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                  <xmp:CreatorTool>{X(info.Author)}</xmp:CreatorTool>
                  <xmp:CreateDate>{created}</xmp:CreateDate>
                  <xmp:ModifyDate>{created}</xmp:ModifyDate>
                  <xmp:MetadataDate>{created}</xmp:MetadataDate>
                </rdf:Description>
              </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="r"?>
            """;
    }

    // PDFsharp writes a comment after the trailer's dictionary ("% Created with PDFsharp …").
    [GeneratedRegex(@"trailer\s*<<(?<trailer>.*)>>[^\n]*\s*startxref\s+(?<startxref>\d+)\s+%%EOF\s*$", RegexOptions.Singleline)]
    private static partial Regex LastTrailer();
}
