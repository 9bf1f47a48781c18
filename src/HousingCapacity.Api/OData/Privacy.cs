using System.Text.RegularExpressions;

namespace HousingCapacity.Api.OData;

/// <summary>CPR numbers must never appear in an error or a log line (persondataloven / GDPR art. 87, databeskyttelsesloven §11).</summary>
public static partial class Privacy
{
    // DDMMYY-SSSS, ten digits, or the two halves apart by a space or a percent-encoded dash (%2D) as in a raw URL.
    [GeneratedRegex(@"(?<!\d)(\d{6})(?:-|%2[dD]|\s)?\d{4}(?!\d)")]
    private static partial Regex CprLike();

    /// <summary>The property that holds a CPR number (a person's).</summary>
    public const string CprProperty = nameof(Person.Cpr);

    /// <summary>Masks anything that looks like a CPR number (DDMMYY-SSSS, ten digits, DDMMYY SSSS or DDMMYY%2DSSSS).</summary>
    public static string Scrub(string text) => CprLike().Replace(text, "$1-XXXX");

    /// <summary>A stored CPR number as a caller who may not see it is shown it: the birth date, the rest masked.</summary>
    public static string MaskCpr(string cpr) => CprNumber.TryParse(cpr, out var number) ? number.ToString() : "XXXXXX-XXXX";
}
