namespace HousingCapacity.Domain;

/// <summary>
/// Why a request is refused, in the terms of the work, not of a transport: the API answers each with its HTTP status, a page with
/// the same status and its Danish text.
/// </summary>
public enum RefusalKind
{
    /// <summary>A value is missing, malformed or out of range.</summary>
    Invalid,
    /// <summary>The caller's role or scope does not reach the record or the operation.</summary>
    Forbidden,
    /// <summary>The record does not exist, or the caller cannot see it.</summary>
    NotFound,
    /// <summary>The state of things stands in the way: no bed is free, the record is in use, it already exists.</summary>
    Conflict,
    /// <summary>A rule of law or policy about the person refuses it (eligibility, a justification the rule asks for).</summary>
    RuleBroken,
    /// <summary>The record was changed by someone else since the caller read it.</summary>
    Changed,
    /// <summary>Too many requests or look-ups for now; <see cref="Refusal.RetryAfter"/> says when to try again.</summary>
    TooMany,
    /// <summary>What was sent is larger than the service takes.</summary>
    TooLarge,
    /// <summary>What was sent is in a form the service does not read (a file that is not CSV, say).</summary>
    UnsupportedForm,
    /// <summary>The operation does not exist for this kind of record.</summary>
    NotAllowedHere,
    /// <summary>The service cannot answer just now (the database is busy or full); try again.</summary>
    Unavailable,
}
