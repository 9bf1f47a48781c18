namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// One person whose nights in §110 places within the rolling year (the 365 nights up to and including the given date)
/// pass the refund threshold: Serviceloven §176 a refunds 50 % of §110 stays only for the first 90 days per rolling
/// year (from 1 April 2026). The OData complex type HousingCapacity.LongStay.
/// </summary>
public sealed class LongStay
{
    public int PersonId { get; init; }
    /// <summary>The person's latest §110 stay in the window.</summary>
    public int PlacementId { get; init; }
    public int FacilityId { get; init; }
    public DateOnly WindowStart { get; init; }
    public int Section110Nights { get; init; }
    public int NightsPastThreshold { get; init; }
    /// <summary>The first night past the threshold.</summary>
    public DateOnly ThresholdPassedOn { get; init; }
    /// <summary>True while the latest stay is still going on that date.</summary>
    public bool Ongoing { get; init; }
}
