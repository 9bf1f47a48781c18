namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements({id})/HousingCapacity.Discharge</c>: the morning the person leaves, how the stay ended and where they went; for a
/// §110 stay the decision on support after it (Serviceloven §176 a) and its date, and an officer of another municipality's confirmation of
/// §110 stk. 5. The action's parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record DischargeCommand(DateOnly EndDate, DischargeReason DischargeReason, Destination Destination,
    FollowUpSupport? FollowUpSupport = null, DateOnly? FollowUpDecidedOn = null, bool? Section110Stk5 = null);
