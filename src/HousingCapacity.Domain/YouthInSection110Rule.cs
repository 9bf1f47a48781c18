namespace HousingCapacity.Domain;

/// <summary>Young people are not placed in §110 offers "som udgangspunkt": only with a recorded, written justification.</summary>
public sealed class YouthInSection110Rule : PlacementRule
{
    public override string Code => "YouthInSection110";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "Slagelse Kommunes udsattepolitik; Serviceloven §110";

    public static bool IsYoung(PlacementCandidate c, PlacementPolicy p) =>
        c.Person.AgeOn(c.Stay.Start) is var age && age >= p.YouthMinAge && age <= p.YouthMaxAge;

    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) =>
        p.CoversYouthRule(c.Facility.Kind) && IsYoung(c, p)
        && (c.ExceptionJustification?.Trim().Length ?? 0) < p.MinJustificationLength;

    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        $"Unge mellem {p.YouthMinAge} og {p.YouthMaxAge} år anbringes som udgangspunkt ikke i § 110-tilbud. " +
        $"En undtagelse kræver en skriftlig begrundelse (ExceptionJustification, mindst {p.MinJustificationLength} tegn).";

    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        $"People aged {p.YouthMinAge} to {p.YouthMaxAge} are not placed in §110 shelters as a rule. " +
        $"An exception needs a written justification (ExceptionJustification, at least {p.MinJustificationLength} characters).";
}
