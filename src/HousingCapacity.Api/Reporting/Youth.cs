namespace HousingCapacity.Api.Reporting;

/// <summary>Young people admitted to §110 places (the municipality's policy says none) and the recorded exceptions; the band and
/// the policy are those the municipality has in force at the month's end, and each stay is judged by the version in force when
/// it began.</summary>
public sealed record Youth(int MinAge, int MaxAge, PersonCount AdmittedToSection110, PersonCount RecordedExceptions,
    IReadOnlyList<string> Justifications, bool JustificationsWithheld, bool PolicyApplies = true, string PolicyCitation = "");
