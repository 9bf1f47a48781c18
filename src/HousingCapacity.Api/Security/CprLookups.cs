namespace HousingCapacity.Api.Security;

/// <summary>
/// Every look-up of a person by CPR number (FindByCpr, a check-in at the door, a registration's duplicate check, AddCpr, the find
/// page) goes through here, because each one answers "is there someone with this number": an oracle for the last four digits of
/// a birth date a caller already knows (issue 23). So each look-up counts against the caller's <see cref="CprLookupBudget"/>
/// (429 past it), and each is written to the access log with the user and the purpose, hit or miss: a hit names the persons found,
/// a miss names nobody and never the number. Many misses by one user are logged as a warning, without the numbers.
/// </summary>
public sealed class CprLookups(CprLookupBudget budget, IClock clock, ILogger<CprLookups> logger)
{
    /// <summary>The look-up of a number someone gave to be found by (the find page, FindByCpr).</summary>
    public const string Lookup = "LookupByCpr";
    /// <summary>The identification of the person at the door (CheckIn).</summary>
    public const string Identify = "IdentifyByCpr";
    /// <summary>The check that a number is not someone else's already (registration, AddCpr).</summary>
    public const string DuplicateCheck = "CheckCprUnused";

    /// <summary>Every person (whoever asks, merged records too) with this number.</summary>
    public async Task<List<Person>> FindAsync(HousingDbContext db, CprNumber cpr, string operation, CancellationToken ct)
    {
        var scope = db.Scope;
        var caller = scope.Current;
        budget.Take(caller);
        var found = await WithCpr(db, cpr).ToListAsync(ct);
        var ids = found.Select(p => p.Id).ToList();
        Host.Telemetry.CprLookups.Add(1, new KeyValuePair<string, object?>("purpose", operation),
            new KeyValuePair<string, object?>("found", ids.Count > 0));
        var entry = AccessLog.Entry(scope, clock.GetCurrentInstant(),
            ids.Count == 0 ? $"{operation}: no match" : $"{operation} Person {string.Join(", Person ", ids)}", ids);
        if (ids.Count == 0 && budget.Missed(caller))
            logger.LogWarning("{User} has looked up {Misses} CPR numbers without a match within a few minutes", caller.Name,
                budget.MissesBeforeWarning);
        // The answer tells the caller something whatever becomes of the write it is part of: the entry is kept even if that
        // write is refused (HousingDbContext.WriteAsync); a miss in a write that succeeds is told by the write's own lines (the
        // person it registered). Outside a write the entry is committed before the answer leaves.
        if (db.Database.CurrentTransaction is not null) db.LogEvenIfRefused(entry, onlyIfRefused: ids.Count == 0);
        else await db.Shared.AccessLogBatch.WriteAsync(entry, ct);
        return found;
    }

    /// <summary>
    /// The persons with this number, found by its keyed hash (the number itself is stored encrypted); during a key rotation by the
    /// hash of either pair of keys.
    /// </summary>
    private static IQueryable<Person> WithCpr(HousingDbContext db, CprNumber cpr)
    {
        var hashes = db.Shared.Cpr.Hashes(cpr.Value);
        return db.Unscoped<Person>().Where(p => hashes.Contains(EF.Property<string>(p, HousingDbContext.CprHash)));
    }

    /// <summary>Whether anyone has this number (a look-up like <see cref="FindAsync"/>).</summary>
    public async Task<bool> AnyAsync(HousingDbContext db, CprNumber cpr, string operation, CancellationToken ct) =>
        (await FindAsync(db, cpr, operation, ct)).Count > 0;
}
