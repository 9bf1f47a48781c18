namespace HousingCapacity.Domain;

/// <summary>A person's age on a date in whole years, and whether it is exact (from the CPR number) or only estimated.</summary>
public readonly record struct KnownAge(int Years, AgeBasis Basis)
{
    /// <summary>A note for a refusal or warning when the age is not exact.</summary>
    public string NoteDa => Basis switch
    {
        AgeBasis.BirthYear => " (alderen er beregnet ud fra fødselsåret og kan afvige et halvt år)",
        AgeBasis.Estimated => " (alderen er anslået: personen har ikke oplyst CPR-nummer eller fødselsår)",
        _ => "",
    };

    public string NoteEn => Basis switch
    {
        AgeBasis.BirthYear => " (the age is reckoned from the birth year and may be half a year off)",
        AgeBasis.Estimated => " (the age is estimated: the person gave no CPR number or birth year)",
        _ => "",
    };
}
