namespace HousingCapacity.Api.Features.Allocation;

/// <summary>A page that ends a stay (staff's check-out, the officer's stay page): the discharge's fields, shown by one partial
/// (_DischargeFields) and read into one <see cref="DischargeCommand"/>.</summary>
public interface IDischargeForm
{
    DateOnly? EndDate { get; }
    DischargeReason? DischargeReason { get; }
    Destination? Destination { get; }
    FollowUpSupport? FollowUpSupport { get; }
    DateOnly? FollowUpDecidedOn { get; }
    /// <summary>The stay is a §110 stay: the §176 a follow-up belongs to its discharge.</summary>
    bool Section110 { get; }
}
