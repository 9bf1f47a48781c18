using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>The dated thresholds and the early warnings of the §110 counting year (see <see cref="CountingYear"/>).</summary>
public sealed class CountingYearRules
{
    public CountingYearRules(LocalDate countFrom, IEnumerable<(LocalDate From, int Nights)> thresholds, IEnumerable<int> warnings)
    {
        CountFrom = countFrom;
        Thresholds = [.. thresholds.OrderBy(t => t.From)];
        if (Thresholds.Count == 0) throw new ArgumentException("At least one threshold is needed.", nameof(thresholds));
        Warnings = [.. warnings.Distinct().Order()];
    }

    /// <summary>The first night that begins a counting year: the reform's entry into force (1 October 2023).</summary>
    public LocalDate CountFrom { get; }
    public IReadOnlyList<(LocalDate From, int Nights)> Thresholds { get; }
    /// <summary>Night counts at which a person is flagged before the threshold (e.g. 60 and 75).</summary>
    public IReadOnlyList<int> Warnings { get; }

    /// <summary>
    /// The threshold in force on a night. For a year that spans a change (a year begun before 1 April 2026), each night is
    /// judged by the threshold in force on it: from 1 April 2026 a night is refunded only if it is among the year's first 90.
    /// Social- og Boligstyrelsen gives the change as "90 dage efter d. 1. april 2026" without a transitional rule for such
    /// years; this reading (the date of the night decides) is our choice, stated in README.
    /// </summary>
    public int ThresholdOn(LocalDate night)
    {
        var threshold = Thresholds[0].Nights;
        foreach (var (from, nights) in Thresholds)
            if (from <= night) threshold = nights;
        return threshold;
    }

    /// <summary>The highest warning level reached by a count of nights, below the threshold in force; null for none.</summary>
    public int? WarningReached(int nights, int threshold) =>
        Warnings.Where(w => w < threshold && nights >= w).Select(w => (int?)w).LastOrDefault();
}
