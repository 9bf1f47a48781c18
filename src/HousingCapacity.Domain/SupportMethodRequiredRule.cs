namespace HousingCapacity.Domain;

/// <summary>Serviceloven §85 a: a Housing First placement names its support method (CTI, ICM or ACT).</summary>
public sealed class SupportMethodRequiredRule : PlacementRule
{
    public override string Code => "SupportMethodRequired";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "Serviceloven §85 a (Housing First-bostøtte, fra 1. oktober 2023)";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) =>
        c.Facility.Kind == FacilityKind.HousingFirst && c.SupportMethod == SupportMethod.None;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        "En Housing First-bolig kræver en bostøttemetode: CTI, ICM eller ACT.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        "A Housing First home needs a support method: CTI, ICM or ACT (SupportMethod).";
}
