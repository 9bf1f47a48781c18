namespace HousingCapacity.Domain;

public sealed class AgeRestrictedRule : PlacementRule
{
    public override string Code => "AgeRestricted";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "Tilbuddets aldersgrænse (fx ungeboliger for 18–24-årige)";
    public override string SourceEn => "The facility's age band (e.g. youth housing 18–24)";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p)
    {
        var age = c.Person.AgeOn(c.Stay.Start);
        return c.Facility.MinAge is { } min && age < min || c.Facility.MaxAge is { } max && age > max;
    }
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        $"Tilbuddet er for personer {Band(c.Facility)} år; personen er {c.Person.AgeOn(c.Stay.Start)} år på " +
            $"startdatoen{c.Person.Age(c.Stay.Start).NoteDa}.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        $"The facility is for people aged {Band(c.Facility)}; the person is {c.Person.AgeOn(c.Stay.Start)} on the start " +
            $"date{c.Person.Age(c.Stay.Start).NoteEn}.";
    private static string Band(Facility f) => $"{f.MinAge?.ToString() ?? "0"}–{f.MaxAge?.ToString() ?? ""}";
}
