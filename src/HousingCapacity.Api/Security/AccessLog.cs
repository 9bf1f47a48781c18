using HousingCapacity.Api.Data;
using HousingCapacity.Api.OData;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NodaTime;

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

/// <summary>
/// The persons whose data the current response carries (a scoped service the OData serializer fills). A record read in full
/// names its person itself (<see cref="IConcernsPerson"/>); one read with <c>$select</c> may not carry the person's id, so it is
/// noted by its key and its person looked up before the answer leaves.
/// </summary>
public sealed class PersonsInResponse
{
    private readonly HashSet<int> _ids = [];
    private readonly Dictionary<Type, HashSet<int>> _records = [];

    public void Saw(int personId) => _ids.Add(personId);

    /// <summary>Notes the person a record is about (a person, a stay, a waitlist entry, an offer, a turnaway, a hold).</summary>
    public void Saw(object record)
    {
        if (AccessLog.PersonOf(record) is { } id) _ids.Add(id);
        if (record is Offer offer) SawRecord(typeof(WaitlistEntry), offer.WaitlistEntryId);
    }

    /// <summary>Notes a record by type and key, whose person is looked up later.</summary>
    public void SawRecord(Type type, int id)
    {
        if (!_records.TryGetValue(type, out var ids)) _records[type] = ids = [];
        ids.Add(id);
    }

    public bool Any => _ids.Count > 0 || _records.Count > 0;

    public async Task<IReadOnlyCollection<int>> ResolveAsync(HousingDbContext db, CancellationToken ct)
    {
        foreach (var (type, ids) in _records)
        {
            var list = ids.ToList();
            if (type == typeof(Offer))
                list = await db.Unscoped<Offer>().Where(o => list.Contains(o.Id)).Select(o => o.WaitlistEntryId).ToListAsync(ct);
            var records = type == typeof(Offer) ? (IEnumerable<object>)await db.Unscoped<WaitlistEntry>().AsNoTracking().Where(e => list.Contains(e.Id)).ToListAsync(ct)
                : await LoadAsync(db, type, list, ct);
            foreach (var record in records)
                if (AccessLog.PersonOf(record) is { } person) _ids.Add(person);
        }
        _records.Clear();
        return _ids;
    }

    private static async Task<IEnumerable<object>> LoadAsync(HousingDbContext db, Type type, List<int> ids, CancellationToken ct)
    {
        var method = typeof(PersonsInResponse).GetMethod(nameof(LoadTypedAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return await (Task<IEnumerable<object>>)method.MakeGenericMethod(type).Invoke(null, [db, ids, ct])!;
    }

    private static async Task<IEnumerable<object>> LoadTypedAsync<T>(HousingDbContext db, List<int> ids, CancellationToken ct) where T : Entity =>
        await db.Unscoped<T>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
}

public static class AccessLog
{
    /// <summary>The header a client gives the purpose of a request in (e.g. "Visitation af borger på akutplads").</summary>
    public const string PurposeHeader = "X-Purpose";

    /// <summary>The person a record is about: see <see cref="IConcernsPerson"/> (an offer's is its waitlist entry's).</summary>
    public static int? PersonOf(object record) => record is IConcernsPerson concerned ? concerned.ConcernedPersonId : null;

    /// <summary>The request line and purpose of the current request, as the log keeps them.</summary>
    public static void Describe(CallerScope scope, HttpContext http)
    {
        scope.Request = Privacy.Scrub($"{http.Request.Method} {http.Request.PathBase}{Uri.UnescapeDataString(http.Request.Path.Value ?? "")}");
        var purpose = http.Request.Headers[PurposeHeader].ToString().Trim();
        scope.Purpose = purpose.Length == 0 ? null : Privacy.Scrub(purpose.Length > 200 ? purpose[..200] : purpose);
    }

    public static AccessLogEntry Entry(CallerScope scope, Instant at, string operation, int? personId) => new()
    {
        At = at,
        UserName = scope.Current.Name,
        Role = scope.Current.Role?.ToString() ?? "System",
        MunicipalityCode = scope.Current.MunicipalityCode,
        Operation = operation,
        Request = scope.Request ?? "",
        Purpose = scope.Purpose,
        PersonId = personId,
    };

    /// <summary>Records that the response about to be sent carries these persons' data.</summary>
    public static async Task RecordReadAsync(HousingDbContext db, CallerScope scope, PersonsInResponse persons, IClock clock, CancellationToken ct)
    {
        if (!persons.Any) return;
        var now = clock.GetCurrentInstant();
        foreach (var id in await persons.ResolveAsync(db, ct))
            db.AccessLog.Add(Entry(scope, now, "Read", id));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The log lines for the changes about to be saved (their ids are read after the save).</summary>
    public static IReadOnlyList<PendingWrite> PendingWrites(IEnumerable<EntityEntry<Entity>> changes) =>
        changes.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new PendingWrite(e.Entity, e.State switch
            {
                EntityState.Added => "Create",
                EntityState.Modified => "Update",
                _ => "Delete",
            }))
            .ToList();

    public sealed record PendingWrite(Entity Record, string Verb)
    {
        public async Task<AccessLogEntry> ToEntryAsync(HousingDbContext db, CallerScope scope, Instant at, CancellationToken ct)
        {
            var person = PersonOf(Record);
            if (Record is Offer offer)
                person = await db.Unscoped<WaitlistEntry>().Where(e => e.Id == offer.WaitlistEntryId).Select(e => (int?)e.PersonId).SingleOrDefaultAsync(ct);
            return Entry(scope, at, $"{Verb} {Record.GetType().Name} {Record.Id}", person);
        }
    }
}
