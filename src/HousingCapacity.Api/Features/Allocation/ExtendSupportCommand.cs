namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements({id})/HousingCapacity.ExtendSupport</c> (and its former name RenewSupport): until when, and why. The action's
/// parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record ExtendSupportCommand(DateOnly Until, string Reason);
