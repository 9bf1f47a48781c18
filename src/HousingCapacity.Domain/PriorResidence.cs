namespace HousingCapacity.Domain;

/// <summary>
/// Where the person stayed just before the stay. Danmarks Statistik's §110 registration asks this at check-in since 2021, in
/// place of the referral route ("I 2021 indsamles oplysninger om, hvor borgeren senest har opholdt sig forud for opholdet";
/// dst.dk, statistikdokumentation "Herberger og forsorgshjem mv.", Sammenlignelighed). DST's own answer list was not found
/// published; the categories follow VIVE's homelessness situations and the exits of hospital, psychiatry and prison that the
/// municipal policies ask about (docs/domain.md).
/// </summary>
public enum PriorResidence
{
    /// <summary>Egen bolig.</summary>
    OwnHome,
    /// <summary>Hos familie eller venner (sofasurfer).</summary>
    FamilyOrFriends,
    /// <summary>Gaden (gadesovende).</summary>
    Street,
    /// <summary>Natvarmestue, natcafé.</summary>
    NightShelter,
    /// <summary>Et andet herberg eller forsorgshjem (§110).</summary>
    OtherShelter,
    /// <summary>Hotel, vandrehjem.</summary>
    HotelOrHostel,
    /// <summary>Udslusningsbolig, midlertidig bolig.</summary>
    TemporaryHousing,
    /// <summary>Botilbud (§107/§108) or behandlingstilbud.</summary>
    CareOrTreatment,
    /// <summary>Somatisk hospital.</summary>
    Hospital,
    /// <summary>Psykiatrisk afdeling.</summary>
    Psychiatry,
    /// <summary>Fængsel, arresthus (Kriminalforsorgen).</summary>
    Prison,
    /// <summary>Udlandet.</summary>
    Abroad,
    /// <summary>Andet.</summary>
    Other,
    /// <summary>Uoplyst.</summary>
    Unknown,
}
