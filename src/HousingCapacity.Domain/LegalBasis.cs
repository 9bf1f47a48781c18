namespace HousingCapacity.Domain;

/// <summary>
/// The law a place is run under. The kind says what a place is to its users; the legal basis decides which rules apply: every
/// §110 rule (the youth rule, the notice to the handlekommune, the counting year, Danmarks Statistik's registration) reads
/// this, never the kind. Sources: Serviceloven (lovbekendtgørelse nr. 67 af 22. januar 2024 with later changes, among them
/// lov nr. 482 af 12. maj 2023) and almenboligloven; see docs/domain.md.
/// </summary>
public enum LegalBasis
{
    /// <summary>Forsorgshjem, herberg and their akutpladser: Serviceloven §110.</summary>
    Section110,
    /// <summary>Natvarmestue, natcafé, varmestue and other uvisiterede væresteder: Serviceloven §104.</summary>
    Section104,
    /// <summary>Midlertidigt botilbud: Serviceloven §107.</summary>
    Section107,
    /// <summary>Længerevarende botilbud: Serviceloven §108.</summary>
    Section108,
    /// <summary>An ordinary home with bostøtte after the Housing First methods: Serviceloven §85 a.</summary>
    Section85aHome,
    /// <summary>Skæve boliger: almenboligloven §149 a.</summary>
    SkaevBolig149a,
    /// <summary>Startboliger for people aged 18 to 24: almenboligloven §101 a.</summary>
    Startbolig101a,
    /// <summary>Ungdomsboliger (no statutory age limit).</summary>
    Ungdomsbolig,
    /// <summary>Midlertidige boliger and akutboliger (Serviceloven §80, udslusningsboliger after almenboligloven §63).</summary>
    TemporaryHousing,
}
