namespace HousingCapacity.Domain;

/// <summary>
/// Slagelse's udsattepolitik: "at unge mellem 18 og 25 år som udgangspunkt ikke anbringes i § 110 tilbud (Forsorgshjem og
/// Herberg)". The rule reads the place's legal basis (Serviceloven §110), never its kind: a §104 night café is not covered.
/// An exception needs a written justification, recorded with who made it.
/// </summary>
public sealed class YouthInSection110Rule : PlacementRule
{
    public override string Code => "YouthInSection110";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "Slagelse Kommunes udsattepolitik; Serviceloven §110";

    public static bool IsYoung(PlacementCandidate c, PlacementPolicy p) =>
        c.Person.AgeOn(c.Stay.Start) is var age && age >= p.YouthMinAge && age <= p.YouthMaxAge;

    /// <summary>True when the rule applies to the stay at all: a young person at a place the rule covers.</summary>
    public static bool Applies(PlacementCandidate c, PlacementPolicy p) => p.CoversYouthRule(c.Facility.LegalBasis) && IsYoung(c, p);

    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) =>
        Applies(c, p) && (c.ExceptionJustification?.Trim().Length ?? 0) < p.MinJustificationLength;

    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        $"Unge mellem {p.YouthMinAge} og {p.YouthMaxAge} år anbringes som udgangspunkt ikke i § 110-tilbud; personen er " +
        $"{c.Person.AgeOn(c.Stay.Start)} år{c.Person.Age(c.Stay.Start).NoteDa}. " +
        $"En undtagelse kræver en skriftlig begrundelse (ExceptionJustification, mindst {p.MinJustificationLength} tegn).";

    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        $"People aged {p.YouthMinAge} to {p.YouthMaxAge} are not placed in §110 shelters as a rule; the person is " +
        $"{c.Person.AgeOn(c.Stay.Start)}{c.Person.Age(c.Stay.Start).NoteEn}. " +
        $"An exception needs a written justification (ExceptionJustification, at least {p.MinJustificationLength} characters).";
}
