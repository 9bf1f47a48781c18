namespace HousingCapacity.Domain;

public sealed class UnitOutOfServiceRule : PlacementRule
{
    public override string Code => "UnitOutOfService";
    public override RuleKind Kind => RuleKind.Capacity;
    public override string Source => "Kapacitet: en enhed ude af drift kan ikke tildeles";
    public override string SourceEn => "Capacity: units out of service cannot be allocated";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) => c.Unit.Status == UnitStatus.OutOfService;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) => $"{c.Unit.Label} er ude af drift.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) => $"{c.Unit.Label} is out of service.";
}
