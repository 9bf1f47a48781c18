namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements({id})/HousingCapacity.RecordHousingSupportAfterSection107</c>: when §85 a bostøtte was decided after the §107
/// stay that followed (§176 a stk. 1 nr. 2). The action's parameters in the EDM are this record's (<see
/// cref="OData.ActionCommands"/>).</summary>
public sealed record HousingSupportAfterSection107Command(DateOnly DecidedOn);
