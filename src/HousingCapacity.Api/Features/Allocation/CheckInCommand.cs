namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// <c>Placements/HousingCapacity.CheckIn</c>: the CPR number the person gives (or, without one, someone known at the place without
/// one, or an alias, gender and a birth year or an estimated age for a new record), the door (a unit or a facility) and the
/// allocation's terms. The action's parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).
/// </summary>
public sealed record CheckInCommand(string? Cpr = null, int? UnitId = null, int? FacilityId = null, DateOnly? StartDate = null,
    DateOnly? EndDate = null,
    SupportMethod? SupportMethod = null, string? ExceptionJustification = null, ReferralRoute? ReferralRoute = null,
    PriorResidence? PriorResidence = null, string? Alias = null, Gender? Gender = null, int? BirthYear = null,
    int? EstimatedAge = null, Section110StayType? StayType = null, int? PersonId = null, bool NewPerson = false);
