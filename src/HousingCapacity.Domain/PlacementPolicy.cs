using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// The thresholds of the placement rules (appsettings.json, section "PlacementRules"). Defaults and sources are in
/// shared/domain.md.
/// </summary>
public sealed class PlacementPolicy
{
    /// <summary>Youngest age of the youth rule (Slagelse's udsattepolitik: "unge mellem 18 og 25 år").</summary>
    public int YouthMinAge { get; set; } = 18;
    /// <summary>Oldest age of the youth rule, inclusive. The national norm (VIVE, Housing First for Unge) is 24.</summary>
    public int YouthMaxAge { get; set; } = 25;
    /// <summary>Facility kinds the youth rule covers; null means §110 shelters and their emergency beds.</summary>
    /// <remarks>Null rather than a filled list: configuration binding appends to a list, so a default could not be narrowed.</remarks>
    public List<FacilityKind>? YouthRuleKinds { get; set; }
    /// <summary>A written justification is at least a sentence.</summary>
    public int MinJustificationLength { get; set; } = 20;
    /// <summary>Serviceloven §110 stk. 6: the responsible municipality is notified within 3 weekdays of admission.</summary>
    public int NotificationWeekdays { get; set; } = 3;
    /// <summary>CTI is time-limited: 9 months in three 3-month phases.</summary>
    public int CtiMonths { get; set; } = 9;
    /// <summary>Serviceloven §176 a: state refund of §110 stays for the first 90 days per rolling year (from 1 April 2026).</summary>
    public int Section110RefundDays { get; set; } = 90;

    public bool CoversYouthRule(FacilityKind kind) =>
        (YouthRuleKinds ?? [FacilityKind.Section110Shelter, FacilityKind.EmergencyBeds]).Contains(kind);

    public static bool IsSection110(FacilityKind kind) => kind is FacilityKind.Section110Shelter or FacilityKind.EmergencyBeds;
}

/// <summary>What the rules look at for one requested placement. Built by the allocation workflow from the database.</summary>
public sealed record PlacementCandidate(
    Person Person,
    Facility Facility,
    Unit Unit,
    DateRange Stay,
    SupportMethod SupportMethod,
    string? ExceptionJustification,
    /// <summary>The most people the unit holds on any night of the stay, without this placement.</summary>
    int UnitPeakOccupancy,
    /// <summary>True when someone else's hold or pending offer reserves the unit.</summary>
    bool UnitReservedForSomeoneElse,
    /// <summary>The person's other stays that overlap this one.</summary>
    int OverlappingStaysOfPerson);

/// <summary>How a rule's breach is answered: eligibility (422) or capacity and double booking (409).</summary>
public enum RuleKind { Eligibility, Capacity }

/// <summary>A placement rule: a stable code, when it is broken, messages in Danish and English, and its source.</summary>
public abstract class PlacementRule
{
    public abstract string Code { get; }
    public abstract RuleKind Kind { get; }
    public abstract string Source { get; }
    public abstract bool IsBroken(PlacementCandidate c, PlacementPolicy policy);
    public abstract string MessageDa(PlacementCandidate c, PlacementPolicy policy);
    public abstract string MessageEn(PlacementCandidate c, PlacementPolicy policy);

    /// <summary>Every rule, evaluated together so that a refusal lists all that are broken.</summary>
    public static readonly IReadOnlyList<PlacementRule> All =
    [
        new YouthInSection110Rule(), new GenderRestrictedRule(), new AgeRestrictedRule(), new SupportMethodRequiredRule(),
        new UnitOutOfServiceRule(), new UnitDoubleBookedRule(), new PersonAlreadyPlacedRule(), new FacilityInactiveRule(),
    ];

    public static IReadOnlyList<PlacementRule> Broken(PlacementCandidate c, PlacementPolicy policy) =>
        All.Where(r => r.IsBroken(c, policy)).ToList();
}

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

public sealed class GenderRestrictedRule : PlacementRule
{
    public override string Code => "GenderRestricted";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "The facility's target group (e.g. women-only shelters)";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) => c.Facility.GenderRestriction switch
    {
        GenderRestriction.WomenOnly => c.Person.Gender != Gender.Female,
        GenderRestriction.MenOnly => c.Person.Gender != Gender.Male,
        _ => false,
    };
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        c.Facility.GenderRestriction == GenderRestriction.WomenOnly ? "Tilbuddet er kun for kvinder." : "Tilbuddet er kun for mænd.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        c.Facility.GenderRestriction == GenderRestriction.WomenOnly ? "The facility is for women only." : "The facility is for men only.";
}

public sealed class AgeRestrictedRule : PlacementRule
{
    public override string Code => "AgeRestricted";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "The facility's age band (e.g. youth housing 18–24)";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p)
    {
        var age = c.Person.AgeOn(c.Stay.Start);
        return c.Facility.MinAge is { } min && age < min || c.Facility.MaxAge is { } max && age > max;
    }
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        $"Tilbuddet er for personer {Band(c.Facility)} år; personen er {c.Person.AgeOn(c.Stay.Start)} år på startdatoen.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        $"The facility is for people aged {Band(c.Facility)}; the person is {c.Person.AgeOn(c.Stay.Start)} on the start date.";
    private static string Band(Facility f) => $"{f.MinAge?.ToString() ?? "0"}–{f.MaxAge?.ToString() ?? ""}";
}

/// <summary>Serviceloven §85 a: a Housing First placement names its support method (CTI, ICM or ACT).</summary>
public sealed class SupportMethodRequiredRule : PlacementRule
{
    public override string Code => "SupportMethodRequired";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "Serviceloven §85 a (Housing First-bostøtte, fra 1. oktober 2023)";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) =>
        c.Facility.Kind == FacilityKind.HousingFirst && c.SupportMethod == SupportMethod.None;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        "En Housing First-bolig kræver en bostøttemetode: CTI, ICM eller ACT (SupportMethod).";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        "A Housing First home needs a support method: CTI, ICM or ACT (SupportMethod).";
}

public sealed class UnitOutOfServiceRule : PlacementRule
{
    public override string Code => "UnitOutOfService";
    public override RuleKind Kind => RuleKind.Capacity;
    public override string Source => "Capacity: units out of service cannot be allocated";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) => c.Unit.Status == UnitStatus.OutOfService;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) => $"{c.Unit.Label} er ude af drift.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) => $"{c.Unit.Label} is out of service.";
}

/// <summary>A bed is never occupied twice on the same night.</summary>
public sealed class UnitDoubleBookedRule : PlacementRule
{
    public override string Code => "UnitDoubleBooked";
    public override RuleKind Kind => RuleKind.Capacity;
    public override string Source => "Capacity: one person per bed per night";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) =>
        c.UnitPeakOccupancy >= c.Unit.Beds || c.UnitReservedForSomeoneElse;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        c.UnitReservedForSomeoneElse ? $"{c.Unit.Label} er reserveret til en anden." : $"{c.Unit.Label} er optaget i perioden.";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        c.UnitReservedForSomeoneElse ? $"{c.Unit.Label} is reserved for someone else." : $"{c.Unit.Label} is occupied in that period.";
}

/// <summary>A person never has two overlapping stays or tenancies.</summary>
public sealed class PersonAlreadyPlacedRule : PlacementRule
{
    public override string Code => "PersonAlreadyPlaced";
    public override RuleKind Kind => RuleKind.Capacity;
    public override string Source => "Capacity: one stay per person per night";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) => c.OverlappingStaysOfPerson > 0;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) =>
        "Personen har allerede et ophold eller en bolig i perioden. Afslut det først (Discharge).";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) =>
        "The person already has a stay or a home in that period. End it first (Discharge).";
}

public sealed class FacilityInactiveRule : PlacementRule
{
    public override string Code => "FacilityInactive";
    public override RuleKind Kind => RuleKind.Eligibility;
    public override string Source => "The catalogue: the facility is closed";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) => !c.Facility.IsActive;
    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) => "Tilbuddet er lukket (IsActive = false).";
    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) => "The facility is closed (IsActive = false).";
}
