using HousingCapacity.Api.OData;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Security;

public static class AccessLog
{
    /// <summary>The header a client gives the purpose of a request in (e.g. "Visitation af borger på akutplads").</summary>
    public const string PurposeHeader = "X-Purpose";


    /// <summary>The request line and purpose of the current request, as the log keeps them.</summary>
    public static void Describe(CallerScope scope, HttpContext http)
    {
        scope.Request = Privacy.Scrub($"{http.Request.Method} " +
            $"{http.Request.PathBase}{Uri.UnescapeDataString(http.Request.Path.Value ?? "")}");
        var purpose = http.Request.Headers[PurposeHeader].ToString().Trim();
        scope.Purpose = purpose.Length == 0 ? null : Privacy.Scrub(purpose.Length > 200 ? purpose[..200] : purpose);
    }

    /// <summary>The request line of one request of a $batch, as the log keeps it.</summary>
    public static void DescribeBatchPart(CallerScope scope, HttpContext http) =>
        scope.Request = Privacy.Scrub(
            $"$batch: {http.Request.Method} {http.Request.PathBase}{Uri.UnescapeDataString(http.Request.Path.Value ?? "")}");

    public static AccessLogEntry Entry(CallerScope scope, Instant at, string operation, int? personId) =>
        Entry(scope, at, operation, personId is { } id ? [id] : []);

    /// <summary>An entry of the current caller and request naming these persons.</summary>
    public static AccessLogEntry Entry(CallerScope scope, Instant at, string operation, IEnumerable<int> persons) => new()
    {
        At = at,
        UserName = scope.Current.Name,
        Role = scope.Current.Role?.ToString() ?? "System",
        MunicipalityCode = scope.Current.MunicipalityCode,
        Operation = operation,
        Request = scope.Request ?? "",
        Purpose = scope.Purpose,
        Persons = persons.Distinct().Order().Select(id => new AccessLogPerson { PersonId = id }).ToList(),
    };

    /// <summary>
    /// Records that the response about to be sent carries these persons' data: one entry naming them all, committed before the
    /// answer leaves. Reads do not open a write transaction of their own: their entries are inserted together, a batch of
    /// concurrent requests in one short write (<see cref="AccessLogBatch"/>).
    /// </summary>
    public static async Task RecordReadAsync(HousingDbContext db, CallerScope scope, PersonsInResponse persons, IClock clock,
        CancellationToken ct)
    {
        if (!persons.Any) return;
        var ids = await persons.ResolveAsync(db, ct);
        if (ids.Count == 0) return;
        var entry = Entry(scope, clock.GetCurrentInstant(), "Read", ids);
        // Inside a write of its own (which holds the write gate), the entry simply commits with it.
        if (db.Database.CurrentTransaction is not null)
        {
            db.AccessLog.Add(entry);
            await db.SaveChangesAsync(ct);
            return;
        }
        await db.Shared.AccessLogBatch.WriteAsync(entry, ct);
    }

    /// <summary>The log is append-only: a save that would change or remove a line of it is refused (so do the database's
    /// triggers and, on PostgreSQL, the login's rights).</summary>
    public static void EnsureUnchanged(ChangeTracker tracker)
    {
        if (tracker.Entries<AccessLogEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || tracker.Entries<AccessLogPerson>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new AccessDeniedException("Adgangsloggen kan ikke ændres.", "The access log cannot be changed.");
    }

    /// <summary>
    /// The save step of the access log: the changes are saved, then an entry per changed record (under the person it reaches,
    /// <see cref="PersonReaches"/>) in the same transaction, so that a write and its lines commit or roll back together.
    /// </summary>
    public static async Task<int> SaveWithEntriesAsync(HousingDbContext db, IReadOnlyList<EntityEntry<Entity>> changes,
        Func<CancellationToken, Task<int>> save, IClock clock, CancellationToken ct)
    {
        var pending = PendingWrites(changes);
        var saved = await save(ct);
        var now = clock.GetCurrentInstant();
        foreach (var write in pending) db.AccessLog.Add(await write.ToEntryAsync(db, db.Scope, now, ct));
        await save(ct);
        return saved;
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
            var person = await PersonReaches.Of(Record.GetType()).PersonOfAsync(db, Record, ct);
            return Entry(scope, at, $"{Verb} {Record.GetType().Name} {Record.Id}", person);
        }
    }
}
