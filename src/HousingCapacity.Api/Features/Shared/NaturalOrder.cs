using System.Globalization;

namespace HousingCapacity.Api.Features.Shared;

/// <summary>Labels in the order people count them: "Værelse 2" before "Værelse 10" (runs of digits compare as numbers).</summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();
    private static readonly CompareInfo Danish = CultureInfo.GetCultureInfo("da-DK").CompareInfo;

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return x is null ? y is null ? 0 : -1 : 1;
        var (i, j) = (0, 0);
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var (a, b) = (Run(x, ref i), Run(y, ref j));
                var byNumber = a.TrimStart('0').Length != b.TrimStart('0').Length
                    ? a.TrimStart('0').Length.CompareTo(b.TrimStart('0').Length)
                    : string.CompareOrdinal(a.TrimStart('0'), b.TrimStart('0'));
                if (byNumber != 0) return byNumber;
                continue;
            }
            var (textA, textB) = (Text(x, ref i), Text(y, ref j));
            var byText = Danish.Compare(textA, textB, CompareOptions.IgnoreCase);
            if (byText != 0) return byText;
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }

    private static string Run(string s, ref int at)
    {
        var start = at;
        while (at < s.Length && char.IsAsciiDigit(s[at])) at++;
        return s[start..at];
    }

    private static string Text(string s, ref int at)
    {
        var start = at;
        while (at < s.Length && !char.IsAsciiDigit(s[at])) at++;
        return s[start..at];
    }
}
