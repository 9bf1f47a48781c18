using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A Danish personal identification number, DDMMYY-SSSS (CPR-loven). Confidential: <see cref="ToString"/>
/// masks the serial so that a CPR number cannot leak into a log line by accident; use <see cref="Value"/>
/// deliberately. The modulus-11 check is not applied: numbers issued since 2007 need not satisfy it.
/// </summary>
public readonly struct CprNumber : IEquatable<CprNumber>
{
    private CprNumber(string value, LocalDate birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The full number in the canonical form DDMMYY-SSSS.</summary>
    public string Value { get; }

    /// <summary>The birth date, with the century taken from the 7th digit (the first of the serial).</summary>
    public LocalDate BirthDate { get; }

    /// <summary>The legal sex in the CPR register: odd last digit male, even female.</summary>
    public Gender LegalGender => (Value[^1] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    public static CprNumber Parse(string? text)
    {
        if (TryParse(text, out var cpr, out var problem)) return cpr;
        throw new DomainRuleException("InvalidCpr", problem.Da, problem.En, "Cpr");
    }

    public static bool TryParse(string? text, out CprNumber cpr) => TryParse(text, out cpr, out _);

    private static bool TryParse(string? text, out CprNumber cpr, out (string Da, string En) problem)
    {
        cpr = default;
        var digits = Normalise(text);
        if (digits is null)
        {
            problem = ("CPR-nummeret skal have formen DDMMÅÅ-SSSS.", "A CPR number must have the form DDMMYY-SSSS.");
            return false;
        }

        int day = Two(digits, 0), month = Two(digits, 2), yy = Two(digits, 4);
        int seventh = digits[6] - '0';
        int year = CenturyRule(seventh, yy) + yy;
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            problem = ("CPR-nummeret indeholder en dato, der ikke findes.", "The CPR number contains a date that does not exist.");
            return false;
        }

        cpr = new CprNumber($"{digits[..6]}-{digits[6..]}", new LocalDate(year, month, day));
        problem = default;
        return true;
    }

    /// <summary>
    /// The century from the 7th digit (CPR-kontoret's rule): 0–3 → 1900s; 4 and 9 → 2000s for YY 00–36,
    /// else 1900s; 5–8 → 2000s for YY 00–57, else 1800s.
    /// </summary>
    public static int CenturyRule(int seventhDigit, int yy) => seventhDigit switch
    {
        >= 0 and <= 3 => 1900,
        4 or 9 => yy <= 36 ? 2000 : 1900,
        >= 5 and <= 8 => yy <= 57 ? 2000 : 1800,
        _ => throw new ArgumentOutOfRangeException(nameof(seventhDigit)),
    };

    private static string? Normalise(string? text)
    {
        if (text is null) return null;
        var t = text.Trim();
        if (t.Length == 11 && t[6] == '-') t = t.Remove(6, 1);
        if (t.Length != 10) return null;
        foreach (var c in t) if (c is < '0' or > '9') return null;
        return t;
    }

    private static int Two(string s, int at) => (s[at] - '0') * 10 + (s[at + 1] - '0');

    public bool Equals(CprNumber other) => string.Equals(Value, other.Value, StringComparison.Ordinal);
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is CprNumber other && Equals(other);
    public override int GetHashCode() => Value?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(CprNumber left, CprNumber right) => left.Equals(right);
    public static bool operator !=(CprNumber left, CprNumber right) => !left.Equals(right);

    /// <summary>Masked (DDMMYY-XXXX): safe for logs and messages.</summary>
    public override string ToString() => Value is null ? "" : Value[..7] + "XXXX";
}
