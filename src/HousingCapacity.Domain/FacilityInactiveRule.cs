namespace HousingCapacity.Domain;

public sealed class FacilityInactiveRule : PlacementRule
{
    public override string Code => "FacilityInactive";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "Kataloget: tilbuddet er lukket";
    public override string SourceEn => "The catalogue: the facility is closed";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) => !c.Facility.IsActive;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) => "Tilbuddet er lukket for nye ophold.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) => "The facility is closed to new stays.";
}
