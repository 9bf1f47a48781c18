namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements({id})/HousingCapacity.RefuseAdmission</c>: the reason of the place's refusal and its grounds. The action's
/// parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record RefuseAdmissionCommand(TurnawayReason Reason,
    [OData.RequiredParameter] string? Explanation);
