namespace HousingCapacity.Domain;

/// <summary>What the rules look at for one requested placement. Built by the allocation workflow from the database.</summary>
public sealed record PlacementCandidate(
    Person Person,
    Facility Facility,
    Unit Unit,
    DateRange Stay,
    SupportMethod SupportMethod,
    string? ExceptionJustification,
    int UnitPeakOccupancy,
    bool UnitReservedForSomeoneElse,
    int OverlappingStaysOfPerson,
    YouthRuleInForce? Youth = null);
