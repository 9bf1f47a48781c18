namespace HousingCapacity.Domain;

/// <summary>How a person is about to lose the roof over their head on a date known ahead (issue 28).</summary>
public enum TransitionKind
{
    /// <summary>Release from prison or arresthus (Kriminalforsorgen's "Køreplan for God Løsladelse" with the municipality).</summary>
    PrisonRelease,
    /// <summary>Discharge from psychiatry (psykiatriloven §§ 13 a–13 b: udskrivningsaftale or koordinationsplan).</summary>
    PsychiatryDischarge,
    HospitalDischarge,
    /// <summary>End of residential treatment (e.g. for addiction).</summary>
    TreatmentEnd,
    /// <summary>End of a stay at a botilbud under serviceloven § 107 or § 108.</summary>
    Section107Or108End,
    /// <summary>Eviction by the bailiff's court (fogedsag; an umiddelbar fogedforretning, retsplejeloven § 596).</summary>
    Eviction,
    Other,
}
