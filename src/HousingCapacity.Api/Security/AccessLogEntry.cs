namespace HousingCapacity.Api.Security;

/// <summary>
/// One entry of the access log (table AccessLog): who read or changed person data, when, how and why, and (in
/// <see cref="Persons"/>) whose. A read is one entry naming every person in the answer; a write is an entry per changed record.
/// GDPR art. 5(2) and 30 ask that processing can be accounted for, and art. 15 that a person can learn who saw their data.
/// Append-only: the API has no way to change it and the database refuses UPDATE and DELETE (migrations 0007 and 0010), but for
/// the purge of entries older than <c>AccessLog:RetentionMonths</c> (<see cref="AccessLogRetention"/>).
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
    /// <summary>The persons concerned; none for a write that concerns no person (e.g. a capacity report).</summary>
    public List<AccessLogPerson> Persons { get; init; } = [];
}
