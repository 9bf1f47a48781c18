namespace HousingCapacity.Api.Features.Allocation;

/// <summary>The parameters of CheckIn: the CPR number the person gives, the door (a unit or a facility) and the allocation's
/// terms.</summary>
public sealed record CheckInRequest(string Cpr, int? UnitId, int? FacilityId, LocalDate? StartDate, LocalDate? EndDate,
    SupportMethod? SupportMethod, string? ExceptionJustification, ReferralRoute? ReferralRoute);
