namespace HousingCapacity.Domain;

/// <summary>What a facility is. See docs/domain.md for the Danish terms and the legal basis.</summary>
public enum FacilityKind
{
    /// <summary>Forsorgshjem / herberg, Serviceloven §110.</summary>
    Section110Shelter,
    /// <summary>Akutpladser / natvarmestue: night-by-night beds.</summary>
    EmergencyBeds,
    /// <summary>Skæve boliger: permanent almen homes with a social vicevært.</summary>
    SkaevBolig,
    /// <summary>Housing First-bolig with bostøtte (Serviceloven §85 a).</summary>
    HousingFirst,
    /// <summary>Ungebolig / kollegielignende bolig.</summary>
    YouthHousing,
    /// <summary>Akutbolig / midlertidig bolig after hospital or prison.</summary>
    AkutBolig,
    /// <summary>Midlertidigt botilbud, Serviceloven §107.</summary>
    Section107,
}
