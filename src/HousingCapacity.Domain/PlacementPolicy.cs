namespace HousingCapacity.Domain;

/// <summary>
/// The thresholds of the placement rules (appsettings.json, section "PlacementRules"). Defaults and sources are in
/// docs/domain.md.
/// </summary>
public sealed class PlacementPolicy
{
    /// <summary>Youngest age of the youth rule (Slagelse's udsattepolitik: "unge mellem 18 og 25 år").</summary>
    public int YouthMinAge { get; set; } = 18;
    /// <summary>Oldest age of the youth rule, inclusive. The national norm (VIVE, Housing First for Unge) is 24.</summary>
    public int YouthMaxAge { get; set; } = 25;
    /// <summary>Facility kinds the youth rule covers; null means §110 shelters and their emergency beds.</summary>
    /// <remarks>Null rather than a filled list: configuration binding appends to a list, so a default could not be narrowed.</remarks>
    public List<FacilityKind>? YouthRuleKinds { get; set; }
    /// <summary>A written justification is at least a sentence.</summary>
    public int MinJustificationLength { get; set; } = 20;
    /// <summary>Serviceloven §110 stk. 6: the responsible municipality is notified within 3 weekdays of admission.</summary>
    public int NotificationWeekdays { get; set; } = 3;
    /// <summary>CTI is time-limited: 9 months in three 3-month phases.</summary>
    public int CtiMonths { get; set; } = 9;
    /// <summary>Serviceloven §176 a: state refund of §110 stays for the first 90 days per rolling year (from 1 April 2026).</summary>
    public int Section110RefundDays { get; set; } = 90;

    public bool CoversYouthRule(FacilityKind kind) =>
        (YouthRuleKinds ?? [FacilityKind.Section110Shelter, FacilityKind.EmergencyBeds]).Contains(kind);

    public static bool IsSection110(FacilityKind kind) => kind is FacilityKind.Section110Shelter or FacilityKind.EmergencyBeds;
}
