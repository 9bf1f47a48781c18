namespace HousingCapacity.Domain;

/// <summary>A bed is never occupied twice on the same night.</summary>
public sealed class UnitDoubleBookedRule : PlacementRule
{
    public override string Code => "UnitDoubleBooked";
    public override RuleKind Kind => RuleKind.Capacity;
    public override string Source => "Kapacitet: én person pr. seng pr. nat";
    public override string SourceEn => "Capacity: one person per bed per night";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) =>
        c.UnitPeakOccupancy >= c.Unit.Beds || c.UnitReservedForSomeoneElse;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        c.UnitReservedForSomeoneElse ? $"{c.Unit.Label} er reserveret til en anden." : $"{c.Unit.Label} er optaget i perioden.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        c.UnitReservedForSomeoneElse ? $"{c.Unit.Label} is reserved for someone else." : $"{c.Unit.Label} is occupied in that period.";
}
