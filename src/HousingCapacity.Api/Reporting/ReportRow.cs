namespace HousingCapacity.Api.Reporting;

/// <summary>One figure of the month for a spreadsheet: where it belongs, what it measures, and its value (a number, a
/// <see cref="PersonCount"/>, a bool, a text or nothing).</summary>
public sealed record ReportRow(string Section, string Item, string Measure, object? Value);
