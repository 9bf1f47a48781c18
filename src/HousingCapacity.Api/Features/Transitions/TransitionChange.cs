namespace HousingCapacity.Api.Features.Transitions;

/// <summary>A correction of an open transition (PATCH or PUT /odata/Transitions({id})): the properties a client may change (<see
/// cref="OData.EntityValues.As{TChange}(Entity)"/>). Its status changes only through Secure and Decline, and by its date passing.</summary>
public sealed record TransitionChange(TransitionKind Kind, DateOnly LosesRoofOn, string ComingFrom, string ToldBy, DateOnly ToldOn,
    string? ResponsibleOfficer, string? Note);
