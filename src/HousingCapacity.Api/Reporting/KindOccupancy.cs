namespace HousingCapacity.Api.Reporting;

public sealed record KindOccupancy(FacilityKind Kind, int Facilities, int Beds, Occupancy Occupancy, double? PreviousMonthRate,
    double? ChangeInPercentagePoints, double? SameMonthLastYearRate);
