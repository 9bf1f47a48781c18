namespace HousingCapacity.Api.Security;

/// <summary>
/// One line of the access log (table AccessLog): who read or changed which person's data, when, how and why. GDPR art. 5(2)
/// and 30 ask that processing can be accounted for, and art. 15 that a person can learn who saw their data. Append-only:
/// the API has no way to change it and the database refuses UPDATE and DELETE (migration 0007).
/// </summary>
public sealed class AccessLogEntry
{
    public long Id { get; private set; }
    public Instant At { get; init; }
    public required string UserName { get; init; }
    public required string Role { get; init; }
    public int? MunicipalityCode { get; init; }
    /// <summary>"Read", or "Create|Update|Delete {record} {id}" for a write.</summary>
    public required string Operation { get; init; }
    /// <summary>Method and path of the request, without its query string, CPR-like numbers masked.</summary>
    public required string Request { get; init; }
    /// <summary>Why, as the client said in the X-Purpose header.</summary>
    public string? Purpose { get; init; }
    /// <summary>The person concerned; null for a write that concerns no person (e.g. a capacity report).</summary>
    public int? PersonId { get; init; }
}
