namespace HousingCapacity.Domain;

/// <summary>Who ends a stay, in which capacity, and — for the municipality at a §110 place — whether the conditions of §110
/// stk. 5 are confirmed.</summary>
public sealed record Discharger(string User, DecisionCapacity Capacity, bool Section110Stk5 = false);
