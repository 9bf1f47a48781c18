namespace HousingCapacity.Api.Features.Turnaways;

/// <summary>What a client sends to create a turnaway (POST /odata/Turnaways): the night is tonight unless given: the properties the writer
/// accepts.</summary>
public sealed record NewTurnaway(int FacilityId, TurnawayReason Reason, DateOnly? Date = null, int? PersonId = null,
    string? Explanation = null);
