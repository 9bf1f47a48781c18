namespace HousingCapacity.Domain;

/// <summary>A person never has two overlapping stays or tenancies.</summary>
public sealed class PersonAlreadyPlacedRule : PlacementRule
{
    public override string Code => "PersonAlreadyPlaced";
    public override RuleKind Kind => RuleKind.Capacity;
    public override string Source => "Kapacitet: ét ophold pr. person pr. nat";
    public override string SourceEn => "Capacity: one stay per person per night";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) => c.OverlappingStaysOfPerson > 0;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        "Personen har allerede et ophold eller en bolig i perioden. Afslut det først (tjek personen ud).";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        "The person already has a stay or a home in that period. End it first (Discharge).";
}
