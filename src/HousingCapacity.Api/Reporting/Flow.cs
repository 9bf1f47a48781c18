namespace HousingCapacity.Api.Reporting;

/// <summary>Who came, who left and how, who could not be taken in.</summary>
public sealed record Flow(
    PersonCount Admissions, PersonCount Discharges, PersonCount DistinctPersons,
    IReadOnlyList<NamedCount> DischargesByReason, IReadOnlyList<NamedCount> DischargesByDestination,
    PersonCount CompletedStays, double? MeanNightsOfCompletedStays, double? MedianNightsOfCompletedStays,
    PersonCount PersonsPastSection110Threshold, PersonCount Turnaways, IReadOnlyList<NamedCount> TurnawaysByReason);
