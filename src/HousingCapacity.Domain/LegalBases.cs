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
}
