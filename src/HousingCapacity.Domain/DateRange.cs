using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A run of nights. <see cref="Start"/> is the first night; <see cref="End"/> is exclusive (the morning the
/// person leaves, so the last night is End − 1) and null while the stay is ongoing. A stay ending on the day
/// another begins does not overlap it.
/// </summary>
public readonly record struct DateRange
{
    public DateRange(LocalDate start, LocalDate? end)
    {
        DomainRuleException.ThrowIf(end is { } e && e <= start, "EndNotAfterStart",
            "Slutdatoen skal ligge efter startdatoen (sidste nat er dagen før slutdatoen).",
            "The end date must be after the start date (the last night is the day before the end date).", "EndDate");
        Start = start;
        End = end;
    }

    /// <summary>A stay as records keep it (DateOnly).</summary>
    public DateRange(DateOnly start, DateOnly? end) : this(start.ToLocalDate(), end.ToLocalDate()) { }

    public LocalDate Start { get; }
    public LocalDate? End { get; }
    public bool IsOpen => End is null;

    /// <summary>True when the person sleeps here the night that begins on <paramref name="night"/>.</summary>
    public bool ContainsNight(LocalDate night) => night >= Start && (End is null || night < End);

    public bool Overlaps(DateRange other) =>
        (other.End is null || Start < other.End) && (End is null || other.Start < End);

    /// <summary>Nights in the range, counted up to <paramref name="openEndAt"/> when the range is open.</summary>
    public int Nights(LocalDate openEndAt)
    {
        var end = End ?? openEndAt;
        return end <= Start ? 0 : Period.Between(Start, end, PeriodUnits.Days).Days;
    }
}
