using System.Text.RegularExpressions;

namespace HousingCapacity.Api.OData;

/// <summary>
/// CPR numbers must never appear in an error, a log line, a report or a free text (persondataloven / GDPR art. 87,
/// databeskyttelsesloven §11). This is the one detector of a CPR number written in text: the masking of log lines and answers,
/// the refusal of free texts that hold one (<see cref="EnsureNoCpr"/>), and the committee's report all use it.
/// </summary>
public static partial class Privacy
{
    // DDMMYY then SSSS as people write them (issue 23): 130169-0961, 1301690961, 13.01.69-0961, 13 01 69 0961, 1301-69-0961,
    // 130169‐0961 with any dash (U+2010–U+2015, U+2212), and as a URL carries them (%2D, %20, + between; %27 before). The pairs and
    // the serial may be apart by at most three such separators (" - "); the day must be 01–31 and the month 01–12, and no letter or
    // digit may touch it, so that a phone number, a date or an id (a GUID's hex) is left alone. A percent-encoded character before
    // the number counts as a separator.
    private const string Separator = @"(?:[\s.\-/\u2010-\u2015\u2212]|%2[dDfF]|%20|\+)";

    [GeneratedRegex(@"(?:(?<=%[0-9A-Fa-f]{2})|(?<![\p{L}\d]))(?<dd>0[1-9]|[12]\d|3[01])" + Separator + @"?(?<mm>0[1-9]|1[0-2])"
        + Separator +
        @"?(?<yy>\d{2})" + Separator + @"{0,3}(?<serial>\d{4})(?![\p{L}\d])")]
    private static partial Regex CprInText();

    // Any ten digits in a row or as six and four (the older, broader mask): masking is cautious where refusing is precise, so a
    // number with an impossible date is masked in a log line or an answer, though a free text may hold it.
    [GeneratedRegex(@"(?:(?<=%[0-9A-Fa-f]{2})|(?<!\d))(\d{6})(?:-|%2[dD]|\s)?\d{4}(?!\d)")]
    private static partial Regex TenDigits();

    /// <summary>The property that holds a CPR number (a person's).</summary>
    public const string CprProperty = nameof(Person.Cpr);

    /// <summary>Whether the text holds something written like a CPR number.</summary>
    public static bool HoldsCpr(string? text) => text is not null && CprInText().IsMatch(text);

    /// <summary>Masks anything written like a CPR number, and any ten digits, as DDMMYY-XXXX (the birth date kept, the serial
    /// hidden).</summary>
    public static string Scrub(string text) =>
        TenDigits().Replace(CprInText().Replace(text, m => $"{m.Groups["dd"]}{m.Groups["mm"]}{m.Groups["yy"]}-XXXX"), "$1-XXXX");

    /// <summary>Removes anything written like a CPR number, for a text shown to someone who may not see even the birth date.</summary>
    public static string Remove(string text, string replacement) => CprInText().Replace(text, replacement);

    /// <summary>A stored CPR number as a caller who may not see it is shown it: the birth date, the rest masked.</summary>
    public static string MaskCpr(string cpr) => CprNumber.TryParse(cpr, out var number) ? number.ToString() : "XXXXXX-XXXX";

    /// <summary>Refuses (400 CprInFreeText) a free text that holds a CPR number: free texts are read by people who may not see
    /// one.</summary>
    public static void EnsureNoCpr(string? text, string target)
    {
        if (!HoldsCpr(text)) return;
        throw ODataProblem.BadRequest("CprInFreeText",
            "Teksten må ikke indeholde et CPR-nummer. Skriv fx \"borgeren\" i stedet; personen er allerede knyttet til sagen.",
            "The text must not hold a CPR number. Write e.g. \"the citizen\" instead; the person is already linked to the record.", target);
    }
}
