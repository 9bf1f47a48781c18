namespace HousingCapacity.Domain;

/// <summary>The most people the unit holds on any night of the stay, without this placement.</summary>
/// <summary>True when someone else's hold or pending offer reserves the unit.</summary>
/// <summary>The person's other stays that overlap this one.</summary>

/// <summary>How a rule's breach is answered: eligibility (422) or capacity and double booking (409).</summary>
public enum RuleKind { Eligibility, Capacity }
