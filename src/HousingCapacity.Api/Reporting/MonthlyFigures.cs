namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The monthly occupancy report of one municipality: one set of figures, rendered as PDF, JSON and CSV.
/// Counted in nights: a night belongs to the date it begins on, so a month has as many nights as days.
/// </summary>
public sealed record MonthlyFigures
{
    public required int MunicipalityCode { get; init; }
    public required string MunicipalityName { get; init; }
    public required string Month { get; init; }
    public required LocalDate FirstNight { get; init; }
    public required LocalDate LastNight { get; init; }
    public required int Nights { get; init; }
    /// <summary>True while the month is still going on: only the nights up to and including today are counted.</summary>
    public required bool InProgress { get; init; }
    public required Instant GeneratedAt { get; init; }
    /// <summary>The day the month's own data were last corrected after it ended (its report says "rettet"); null if never.</summary>
    public LocalDate? CorrectedOn { get; init; }

    /// <summary>Occupancy of the places' regular capacity; extra beds opened for a period are in <see cref="ExtraBeds"/>.</summary>
    public required IReadOnlyList<FacilityOccupancy> Facilities { get; init; }
    public required IReadOnlyList<KindOccupancy> Kinds { get; init; }
    public required Occupancy Total { get; init; }
    public required Flow Flow { get; init; }
    public required Youth Youth { get; init; }
    public required Section110Figures Section110 { get; init; }
    public required YouthHousingDemand YouthHousing { get; init; }
    public required HousingFirstFigures HousingFirst { get; init; }
    public required IReadOnlyList<WaitlistFigures> Waitlists { get; init; }
    public required Notifications Notifications { get; init; }
    public required TransitionFigures Transitions { get; init; }
    public required ExtraBedFigures ExtraBeds { get; init; }
    public required IReadOnlyList<TrendPoint> Trend { get; init; }
    public required IReadOnlyList<DataQualityNote> DataQuality { get; init; }
}
