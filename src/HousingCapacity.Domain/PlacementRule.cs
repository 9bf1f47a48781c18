namespace HousingCapacity.Domain;

/// <summary>A placement rule: a stable code, when it is broken, messages in Danish and English, and its source.</summary>
public abstract class PlacementRule
{
    public abstract string Code { get; }
    public abstract RuleKind Kind { get; }
    /// <summary>Where the rule comes from, in Danish: people read it after the refusal ("Kilde: …").</summary>
    public abstract string Source { get; }
    /// <summary>The source in English, where it is not a Danish citation that reads the same in both.</summary>
    public virtual string SourceEn => Source;
    /// <summary>The source for one candidate: a rule that is a municipality's own policy cites that municipality's.</summary>
    public virtual string SourceOf(PlacementCandidate c, PlacementPolicy policy) => Source;
    public abstract bool IsBroken(PlacementCandidate c, PlacementPolicy policy);
    public abstract string MessageDa(PlacementCandidate c, PlacementPolicy policy);
    public abstract string MessageEn(PlacementCandidate c, PlacementPolicy policy);

    /// <summary>Every rule, evaluated together so that a refusal lists all that are broken.</summary>
    public static readonly IReadOnlyList<PlacementRule> All =
    [
        new MinorAtAdultPlaceRule(), new YouthInSection110Rule(), new GenderRestrictedRule(), new AgeRestrictedRule(),
        new SupportMethodRequiredRule(),
        new UnitOutOfServiceRule(), new UnitDoubleBookedRule(), new PersonAlreadyPlacedRule(), new FacilityInactiveRule(),
    ];

    public static IReadOnlyList<PlacementRule> Broken(PlacementCandidate c, PlacementPolicy policy) =>
        All.Where(r => r.IsBroken(c, policy)).ToList();
}
