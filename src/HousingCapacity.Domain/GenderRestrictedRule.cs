namespace HousingCapacity.Domain;

public sealed class GenderRestrictedRule : PlacementRule
{
    public override string Code => "GenderRestricted";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "Tilbuddets målgruppe (fx herberger kun for kvinder)";
    public override string SourceEn => "The facility's target group (e.g. women-only shelters)";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) => c.Facility.GenderRestriction switch
    {
        GenderRestriction.WomenOnly => c.Person.Gender != Gender.Female,
        GenderRestriction.MenOnly => c.Person.Gender != Gender.Male,
        _ => false,
    };
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        c.Facility.GenderRestriction == GenderRestriction.WomenOnly ? "Tilbuddet er kun for kvinder." : "Tilbuddet er kun for mænd.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        c.Facility.GenderRestriction == GenderRestriction.WomenOnly ? "The facility is for women only." : "The facility is for men only.";
}
