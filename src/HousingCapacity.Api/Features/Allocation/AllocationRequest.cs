namespace HousingCapacity.Api.Features.Allocation;

/// <summary>What an allocation asks for: a person, a unit (or any free unit of a facility), the nights and the terms.</summary>
public sealed record AllocationRequest(int PersonId, int? UnitId, int? FacilityId, LocalDate StartDate, LocalDate? EndDate,
    SupportMethod SupportMethod, string? ExceptionJustification, ReferralRoute? ReferralRoute, PriorResidence? PriorResidence = null,
    Section110StayType? StayType = null);
