namespace HousingCapacity.Api.Features.Holds;

/// <summary>What a client sends to create a bed held tonight (POST /odata/BedHolds): a unit, or the first free one of a facility: the
/// properties the writer accepts.</summary>
public sealed record NewBedHold(int? UnitId = null, int? FacilityId = null, int? PersonId = null, string? Note = null,
    DateTimeOffset? ExpiresAt = null);
