namespace HousingCapacity.Api.Features.Allocation;

/// <summary>What a client sends to create an allocation (POST /odata/Placements): a unit, or a free one of a facility, from tonight unless
/// said: the properties the writer accepts.</summary>
public sealed record NewPlacement(int PersonId, int? UnitId = null, int? FacilityId = null, DateOnly? StartDate = null,
    DateOnly? EndDate = null,
    SupportMethod? SupportMethod = null, string? ExceptionJustification = null, ReferralRoute? ReferralRoute = null,
    PriorResidence? PriorResidence = null, Section110StayType? StayType = null);
