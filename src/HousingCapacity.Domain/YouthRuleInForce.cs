using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// The youth rule at one place on one date: the policy of the municipality that runs the place, in force then, or — when
/// that municipality has recorded none — the configured default, cited as the municipality's own default and never as
/// another municipality's policy. <see cref="PolicyId"/> is null for the default.
/// </summary>
public sealed record YouthRuleInForce(bool Applies, int MinAge, int MaxAge, string CitationDa, int? PolicyId)
{
    /// <summary>The version of <paramref name="history"/> in force on <paramref name="on"/> (the latest that began by then),
    /// or the default when there is none.</summary>
    public static YouthRuleInForce Of(IEnumerable<YouthPolicy> history, LocalDate on, string municipalityName, PlacementPolicy defaults)
    {
        var date = on.ToDateOnly();
        var version = history.Where(v => v.EffectiveFrom <= date).OrderByDescending(v => v.EffectiveFrom).FirstOrDefault();
        return version is null ? Default(municipalityName, defaults)
            : new(version.Applies, version.MinAge, version.MaxAge, $"{Genitive(municipalityName)} {version.NameWithYear()}", version.Id);
    }

    /// <summary>The configured default of a municipality that has recorded no policy (unnamed: a candidate judged without
    /// looking the municipality up).</summary>
    public static YouthRuleInForce Default(string? municipalityName, PlacementPolicy defaults) =>
        new(defaults.YouthRuleApplies, defaults.YouthMinAge, defaults.YouthMaxAge, municipalityName is null ? "Kommunens standardregel"
            : $"{Genitive(municipalityName)} standardregel (kommunen har ikke registreret en politik for unge på § 110-tilbud)", null);

    public bool InBand(int age) => age >= MinAge && age <= MaxAge;

    /// <summary>True for a person of this age at a place of this legal basis, when the municipality has the rule.</summary>
    public bool Covers(LegalBasis basis, int age, PlacementPolicy p) => Applies && p.CoversYouthRule(basis) && InBand(age);

    /// <summary>True for the candidate on its first night.</summary>
    public bool Covers(PlacementCandidate c, PlacementPolicy p) => Covers(c.Facility.LegalBasis, c.Person.AgeOn(c.Stay.Start), p);

    /// <summary>"Rødovre" → "Rødovre Kommunes".</summary>
    private static string Genitive(string municipalityName) =>
        municipalityName.EndsWith(" Kommune", StringComparison.Ordinal) ? municipalityName + "s" : municipalityName + " Kommunes";
}
