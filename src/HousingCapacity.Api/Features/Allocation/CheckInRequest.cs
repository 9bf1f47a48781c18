namespace HousingCapacity.Api.Features.Allocation;

/// <summary>The parameters of CheckIn: the CPR number the person gives (or, without one, someone known at the place without one,
/// or an alias, gender and a birth year or an estimated age for a new record), the door (a unit or a facility) and the
/// allocation's terms.</summary>
public sealed record CheckInRequest(string? Cpr, int? UnitId, int? FacilityId, LocalDate? StartDate, LocalDate? EndDate,
    SupportMethod? SupportMethod, string? ExceptionJustification, ReferralRoute? ReferralRoute, PriorResidence? PriorResidence = null,
    string? Alias = null, Gender? Gender = null, int? BirthYear = null, int? EstimatedAge = null, Section110StayType? StayType = null,
    int? PersonId = null, bool NewPerson = false);
