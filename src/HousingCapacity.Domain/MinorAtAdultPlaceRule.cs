namespace HousingCapacity.Domain;

/// <summary>
/// No minors at adult places: law, not policy, so there is no justification that lifts it. Since 1 January 2024 children and
/// young people under 18 are helped under barnets lov, and Serviceloven is "til personer, der er fyldt 18 år" (§ 1 stk. 1 and
/// § 2 stk. 1 as amended by the consequential act to barnets lov, proposed as L 45 of 6 October 2022). Its adult places —
/// §§ 104, 107, 108 and 110 and a home with § 85 a bostøtte — and startboliger, which almenboligloven § 101 a gives to "personer
/// i alderen 18 til og med 24 år", are therefore for people who have turned 18. An estimated age or a birth year counts as
/// the age: an estimated 17-year-old is a child to be helped by the children's services, not admitted here.
/// Ungdomsboliger (no statutory age), skæve boliger and temporary housing (§ 80 also houses families) are not covered.
/// </summary>
public sealed class MinorAtAdultPlaceRule : PlacementRule
{
    public const int AdultAge = 18;

    public override string Code => "MinorAtAdultPlace";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source =>
        "Barnets lov (i kraft 1. januar 2024); serviceloven § 1 og § 2: personer, der er fyldt 18 år; almenboligloven § 101 a";

    /// <summary>The legal bases whose places are for adults only.</summary>
    public static bool IsAdultPlace(LegalBasis basis) => basis is LegalBasis.Section110 or LegalBasis.Section104 or LegalBasis.Section107
        or LegalBasis.Section108 or LegalBasis.Section85aHome or LegalBasis.Startbolig101a;

    public static bool IsMinor(Person person, NodaTime.LocalDate on) => person.AgeOn(on) < AdultAge;

    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) =>
        IsAdultPlace(c.Facility.LegalBasis) && IsMinor(c.Person, c.Stay.Start);

    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        $"Personen er {c.Person.AgeOn(c.Stay.Start)} år{c.Person.Age(c.Stay.Start).NoteDa} og kan ikke optages her: tilbuddet er for " +
        "voksne, og børn og unge under 18 år hjælpes efter barnets lov. Kontakt kommunens børne- og ungeområde, uden for " +
        "åbningstid den sociale døgnvagt, som finder et sted at være i nat.";

    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        $"The person is {c.Person.AgeOn(c.Stay.Start)}{c.Person.Age(c.Stay.Start).NoteEn} and cannot be admitted here: the place is for " +
        "adults, and children and young people under 18 are helped under barnets lov (the Children's Act). Contact the " +
        "municipality's children and youth services, out of hours the social on-call service, who find a place for tonight.";
}
