namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// One person's §110 counting year on a date, as <c>LongStays</c> lists it: the nights so far, the threshold in force, the
/// warning reached and whether the threshold is passed (see Domain/CountingYear.cs for the rule and its source). The OData
/// complex type HousingCapacity.LongStay.
/// </summary>
public sealed class LongStay
{
    public int PersonId { get; init; }
    /// <summary>The person's latest §110 stay in the counting year that the caller may see.</summary>
    public int PlacementId { get; init; }
    public int FacilityId { get; init; }
    /// <summary>The first §110 night of the counting year.</summary>
    public DateOnly WindowStart { get; init; }
    /// <summary>The day the count starts again (one year after <see cref="WindowStart"/>).</summary>
    public DateOnly ResetsOn { get; init; }
    /// <summary>§110 nights in the counting year up to and including the date.</summary>
    public int Section110Nights { get; init; }
    /// <summary>The threshold in force on the date (120, or 90 from 1 April 2026).</summary>
    public int Threshold { get; init; }
    public int NightsPastThreshold { get; init; }
    /// <summary>The first night past the threshold; null while it is not passed.</summary>
    public DateOnly? ThresholdPassedOn { get; init; }
    /// <summary>The highest early warning reached (e.g. 60 or 75 nights); null for none.</summary>
    public int? WarningLevel { get; init; }
    /// <summary>"PastThreshold" or "Warning".</summary>
    public string Status { get; init; } = "";
    /// <summary>True while the latest stay is still going on that date.</summary>
    public bool Ongoing { get; init; }
}
