namespace HousingCapacity.Api.Reporting;

/// <summary>Young people admitted to §110 places (the policy says none) and the recorded exceptions.</summary>
public sealed record Youth(int MinAge, int MaxAge, PersonCount AdmittedToSection110, PersonCount RecordedExceptions,
    IReadOnlyList<string> Justifications, bool JustificationsWithheld);
