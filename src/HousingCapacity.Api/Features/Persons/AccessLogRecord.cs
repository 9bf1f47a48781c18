namespace HousingCapacity.Api.Features.Persons;

/// <summary>One line of a person's access log export. The complex type HousingCapacity.AccessLogRecord.</summary>
public sealed class AccessLogRecord
{
    public DateTimeOffset At { get; init; }
    public required string UserName { get; init; }
    public required string Role { get; init; }
    public int? MunicipalityCode { get; init; }
    public required string Operation { get; init; }
    public required string Request { get; init; }
    public string? Purpose { get; init; }
}
