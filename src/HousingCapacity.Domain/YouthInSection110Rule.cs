namespace HousingCapacity.Domain;

/// <summary>
/// Young people "som udgangspunkt" not at §110 places: a municipality's own policy, not law (Slagelse's udsattepolitik says it
/// for 18–25 year olds; other municipalities do not). The rule at a place is the policy of the municipality that runs it, in
/// force on the first night (<see cref="YouthRuleInForce"/>), and a refusal cites that policy. It reads the place's legal basis
/// (Serviceloven §110), never its kind: a §104 night café is not covered. An exception needs a written justification,
/// recorded with who made it.
/// </summary>
public sealed class YouthInSection110Rule : PlacementRule
{
    public override string Code => "YouthInSection110";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "Kommunens egen politik for unge på § 110-tilbud; serviceloven § 110";

    public override string SourceOf(PlacementCandidate c, PlacementPolicy p) => $"{InForce(c, p).CitationDa}; serviceloven § 110";

    /// <summary>The policy the candidate is judged by: the one looked up for the place, or the configured default.</summary>
    public static YouthRuleInForce InForce(PlacementCandidate c, PlacementPolicy p) => c.Youth ?? YouthRuleInForce.Default(null, p);

    /// <summary>True when the rule applies to the stay at all: a young person at a place the rule covers.</summary>
    public static bool Applies(PlacementCandidate c, PlacementPolicy p) => InForce(c, p).Covers(c, p);

    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) =>
        Applies(c, p) && (c.ExceptionJustification?.Trim().Length ?? 0) < p.MinJustificationLength;

    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        $"Unge mellem {InForce(c, p).MinAge} og {InForce(c, p).MaxAge} år anbringes som udgangspunkt ikke i § 110-tilbud; personen er " +
        $"{c.Person.AgeOn(c.Stay.Start)} år{c.Person.Age(c.Stay.Start).NoteDa}. " +
        $"En undtagelse kræver en skriftlig begrundelse på mindst {p.MinJustificationLength} tegn.";

    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        $"People aged {InForce(c, p).MinAge} to {InForce(c, p).MaxAge} are not placed in §110 shelters as a rule; the person is " +
        $"{c.Person.AgeOn(c.Stay.Start)}{c.Person.Age(c.Stay.Start).NoteEn}. " +
        $"An exception needs a written justification (ExceptionJustification, at least {p.MinJustificationLength} characters).";
}
