namespace HousingCapacity.Api.Security;

/// <summary>
/// The access log as it reads (view AccessLogLines): a line per entry and person it names, PersonId null for an entry that
/// names nobody. What the art. 15 export and the checks read.
/// </summary>
public sealed class AccessLogLine
{
    public long Id { get; private set; }
    public Instant At { get; private set; }
    public string UserName { get; private set; } = "";
    public string Role { get; private set; } = "";
    public int? MunicipalityCode { get; private set; }
    public string Operation { get; private set; } = "";
    public string Request { get; private set; } = "";
    public string? Purpose { get; private set; }
    public int? PersonId { get; private set; }
}
