namespace HousingCapacity.Domain;

/// <summary>
/// A request refused by a rule, as a value: a stable code that clients rely on, the message in Danish (what the user reads) and in
/// English, the law or policy it comes from (<see cref="Source"/>), and the field it concerns (<see cref="Target"/>, the name the
/// API's contract gives it). A refusal listing several broken rules carries each in <see cref="Details"/>. Workflows return it;
/// the API's controllers and the pages each turn it into their answer in one place. It never holds a CPR number.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Code, string MessageDa, string MessageEn, string? Target = null)
{
    /// <summary>The law or policy the refusal comes from, when one does (e.g. "Serviceloven § 110").</summary>
    public string? Source { get; init; }

    /// <summary>The source in English, where it differs from the Danish.</summary>
    public string? SourceEn { get; init; }

    /// <summary>Each broken rule, when the refusal lists several.</summary>
    public IReadOnlyList<Refusal> Details { get; init; } = [];

    /// <summary>When to try again, for a refusal of <see cref="RefusalKind.TooMany"/> or <see cref="RefusalKind.Unavailable"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The Danish message with its source, as a person reads it.</summary>
    public string TextDa => Source is null ? MessageDa : $"{MessageDa} (Kilde: {Source})";

    /// <summary>The English message with its source.</summary>
    public string TextEn => (SourceEn ?? Source) is { } source ? $"{MessageEn} (Source: {source})" : MessageEn;

    public static Refusal Invalid(string code, string da, string en, string? target = null) => new(RefusalKind.Invalid, code, da, en,
        target);

    public static Refusal Missing(string target, string da, string en) => Invalid("MissingParameter", da, en, target);

    public static Refusal NotFound(string da, string en, string? target = null) => new(RefusalKind.NotFound, "NotFound", da, en,
        target);

    public static Refusal Conflict(string code, string da, string en, string? target = null) => new(RefusalKind.Conflict, code, da, en,
        target);

    public static Refusal Rule(string code, string da, string en, string? target = null) => new(RefusalKind.RuleBroken, code, da, en,
        target);

    public static Refusal Forbidden(string da, string en) => new(RefusalKind.Forbidden, "Forbidden", da, en);

    /// <summary>Thrown, for the few places that cannot return it: an entity's invariant, a look-up deep inside a workflow.</summary>
    public RefusedException AsException() => new(this);
}
