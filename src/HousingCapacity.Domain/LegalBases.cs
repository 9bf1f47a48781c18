namespace HousingCapacity.Domain;

public static class LegalBases
{
    /// <summary>
    /// The usual legal basis of a kind, for a facility created without one and for the facilities that existed before the
    /// legal basis was recorded (migration 0009). Emergency beds default to §110 (akutpladser on a forsorgshjem); a night
    /// café or varmestue is §104 and must say so.
    /// </summary>
    public static LegalBasis Default(FacilityKind kind) => kind switch
    {
        FacilityKind.Section110Shelter or FacilityKind.EmergencyBeds => LegalBasis.Section110,
        FacilityKind.SkaevBolig => LegalBasis.SkaevBolig149a,
        FacilityKind.HousingFirst => LegalBasis.Section85aHome,
        FacilityKind.YouthHousing => LegalBasis.Ungdomsbolig,
        FacilityKind.AkutBolig => LegalBasis.TemporaryHousing,
        FacilityKind.Section107 => LegalBasis.Section107,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Danish label for reports and pages.</summary>
    public static string Danish(this LegalBasis basis) => basis switch
    {
        LegalBasis.Section110 => "Serviceloven § 110",
        LegalBasis.Section104 => "Serviceloven § 104",
        LegalBasis.Section107 => "Serviceloven § 107",
        LegalBasis.Section108 => "Serviceloven § 108",
        LegalBasis.Section85aHome => "Egen bolig med bostøtte (Serviceloven § 85 a)",
        LegalBasis.SkaevBolig149a => "Skæv bolig (almenboligloven § 149 a)",
        LegalBasis.Startbolig101a => "Startbolig (almenboligloven § 101 a)",
        LegalBasis.Ungdomsbolig => "Ungdomsbolig",
        LegalBasis.TemporaryHousing => "Midlertidig bolig / akutbolig",
        _ => basis.ToString(),
    };
}
