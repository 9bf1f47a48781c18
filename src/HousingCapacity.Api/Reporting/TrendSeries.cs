namespace HousingCapacity.Api.Reporting;

/// <summary>One line of the report's trend: a kind of place and its occupancy month by month (null: no figures that month).</summary>
public sealed record TrendSeries(string Name, IReadOnlyList<double?> Values);
