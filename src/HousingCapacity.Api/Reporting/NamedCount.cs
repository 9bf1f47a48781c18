namespace HousingCapacity.Api.Reporting;

public sealed record NamedCount(string Name, PersonCount Count);
