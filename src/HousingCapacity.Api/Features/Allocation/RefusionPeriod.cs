namespace HousingCapacity.Api.Features.Allocation;

/// <summary>One line of the municipality's §176 a refusion claim: a §110 stay, the decision, and the period it falls in.</summary>
public sealed class RefusionPeriod
{
    public int PlacementId { get; set; }
    public int PersonId { get; set; }
    public int FacilityId { get; set; }
    /// <summary>The route: <c>HousingSupport85a</c> (stk. 1 nr. 1), <c>Section107</c> (stk. 2) or
    /// <c>Section107ThenHousingSupport85a</c> (stk. 1 nr. 2).</summary>
    public RefusionRoute Route { get; set; }
    public DateOnly DecidedOn { get; set; }
    public DateOnly DischargedOn { get; set; }
    /// <summary>The first discharge of the period (§176 a stk. 3).</summary>
    public DateOnly PeriodStart { get; set; }
    /// <summary>The day after the period's last day: 2 years (§85 a) or 1 year, of which at most 6 months of §107 (stk. 2).</summary>
    public DateOnly PeriodEnd { get; set; }
    /// <summary>False when the stay's discharge falls inside an earlier period, which is not restarted (stk. 3).</summary>
    public bool StartsPeriod { get; set; }
}
