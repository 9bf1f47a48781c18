namespace HousingCapacity.Api.Reporting;

/// <summary>Share of the placements that started at least N months before the month's end and were still housed N months on.</summary>
public sealed record Retention(int Months, PersonCount Cohort, PersonCount StillHoused, double? Share);
