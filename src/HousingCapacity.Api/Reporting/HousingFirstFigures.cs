namespace HousingCapacity.Api.Reporting;

public sealed record HousingFirstFigures(
    IReadOnlyList<NamedCount> ActiveBySupportMethod, PersonCount Started, PersonCount Ended,
    Retention SixMonths, Retention TwelveMonths);
