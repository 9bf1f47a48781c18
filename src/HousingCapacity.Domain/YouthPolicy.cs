using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A municipality's own policy on young people at §110 places, in force from a date. Whether young people are "som
/// udgangspunkt" not placed at §110 places is a municipal policy, not law: Slagelse's udsattepolitik 2013–15 says it for 18–25
/// year olds; Rødovre, Hvidovre and Svendborg do not. The municipality's administrator records each version; a version is never
/// changed or removed, so that a decision keeps citing the policy in force when it was made (<see cref="Placement.YouthPolicyId"/>).
/// The rule at a place is the policy of the municipality that runs the place.
/// </summary>
public sealed class YouthPolicy : Entity
{
    /// <summary>The oldest upper age a policy may name: beyond it the "youth" rule would be an age limit on adults.</summary>
    public const int OldestYouthAge = 30;

    private YouthPolicy() { PolicyName = ""; RecordedBy = ""; }

    public YouthPolicy(int municipalityId, LocalDate effectiveFrom, bool applies, int minAge, int maxAge, string policyName,
        int? policyYear, string recordedBy)
    {
        DomainRuleException.ThrowIf(minAge < MinorAtAdultPlaceRule.AdultAge, "YouthPolicyBelowAdultAge",
            $"Aldersgrænsen kan ikke ligge under {MinorAtAdultPlaceRule.AdultAge} år: yngre er børn, som ikke optages på voksentilbud.",
            $"The age band cannot start below {MinorAtAdultPlaceRule.AdultAge}: younger people are children, never admitted at " +
            "adult places.",
            nameof(MinAge));
        DomainRuleException.ThrowIf(maxAge < minAge || maxAge > OldestYouthAge, "InvalidYouthPolicyBand",
            $"Den øvre aldersgrænse skal ligge mellem den nedre og {OldestYouthAge} år.",
            $"The upper age must be between the lower one and {OldestYouthAge}.", nameof(MaxAge));
        DomainRuleException.ThrowIf(policyYear is < 1970 or > 2100, "InvalidPolicyYear", "Politikkens årstal skal være et årstal.",
            "The policy's year must be a year.", nameof(PolicyYear));
        MunicipalityId = municipalityId;
        EffectiveFrom = effectiveFrom.ToDateOnly();
        Applies = applies;
        MinAge = minAge;
        MaxAge = maxAge;
        PolicyName = DomainRuleException.RequireText(policyName, nameof(PolicyName), 200, "Politikkens navn");
        PolicyYear = policyYear;
        RecordedBy = recordedBy;
    }

    public int MunicipalityId { get; private set; }
    /// <summary>The first date the version is in force; it stays in force until a later version's date.</summary>
    public DateOnly EffectiveFrom { get; private set; }
    /// <summary>Whether the municipality has the rule at all (false: young people are admitted like anyone else).</summary>
    public bool Applies { get; private set; }
    public int MinAge { get; private set; }
    /// <summary>The oldest age covered, inclusive.</summary>
    public int MaxAge { get; private set; }
    /// <summary>The policy the rule comes from, as the municipality names it (e.g. "Udsattepolitik 2013–15").</summary>
    public string PolicyName { get; private set; }
    public int? PolicyYear { get; private set; }
    /// <summary>The administrator who recorded the version.</summary>
    public string RecordedBy { get; private set; }
    public Municipality? Municipality { get; private set; }

    /// <summary>"Udsattepolitik 2013–15", or "Hjemløsestrategi (2026)" when the name does not hold the year already.</summary>
    public string NameWithYear() =>
        PolicyYear is { } year
        && !PolicyName.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? $"{PolicyName} ({year})" : PolicyName;
}
