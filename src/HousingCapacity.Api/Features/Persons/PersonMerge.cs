using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>
/// <c>POST /odata/Persons({id})/HousingCapacity.MergeInto</c> with <c>{"personId": …}</c>: two records of one person become one
/// (someone registered without a CPR number and later with it, or someone who got a new CPR number). Every stay, support
/// period, waitlist entry, bed hold and turnaway of this record moves to the other; this record stays, marked as merged, with
/// its access-log lines (the log is append-only, and the export of the other record includes them). Stays that overlap are
/// refused by the database's guard (409) and nothing moves.
/// </summary>
public static class PersonMerge
{
    public static async Task<Outcome<Person>> MergeAsync(HousingDbContext db, Person duplicate, int targetId, WriteContext c)
    {
        var ct = c.Cancellation;
        var target = await References.VisibleAsync<Person>(db, targetId, "personId", ct);
        duplicate.MarkMergedInto(target);
        if (duplicate.HasCpr && !target.HasCpr)
            return Refusal.Invalid("MergeIntoRecordWithCpr",
                "Posten med CPR-nummer skal bevares: læg posten uden CPR-nummer sammen med den med CPR-nummer.",
                "Keep the record with the CPR number: merge the record without one into the one with it.", "personId");

        // The mark is saved first, so that the caller's right to change this record is checked while the record still has its
        // stays (through which a caller may see it); then the history moves, in the same write transaction: a refusal (an
        // overlap, a scope) rolls it all back.
        await db.SaveChangesAsync(ct);
        var (from, to) = (duplicate.Id, target.Id);
        // Every record that holds a person's id (PersonReaches) moves: a record added later cannot stay behind.
        foreach (var column in PersonReaches.Columns) await column.MoveAsync(db, from, to, ct);
        // Records merged into the duplicate earlier now point at the one that remains.
        await db.Unscoped<Person>().Where(p => p.MergedIntoId == from)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.MergedIntoId, to).SetProperty(p => p.Version, p => p.Version + 1), ct);
        db.AccessLog.Add(AccessLog.Entry(db.Scope, c.Clock.GetCurrentInstant(), $"MergeInto Person {from} -> Person {to}", to));
        return duplicate;
    }

    /// <summary><c>POST /odata/Persons({id})/HousingCapacity.AddCpr</c>: a person registered without a CPR number gets it.</summary>
    public static async Task<Outcome<Person>> AddCprAsync(HousingDbContext db, CprLookups lookups, Person person, string cprText,
        CancellationToken ct)
    {
        person.EnsureNotMerged("cpr");
        var cpr = CprNumber.Parse(cprText);
        if (await lookups.AnyAsync(db, cpr, CprLookups.DuplicateCheck, ct))
            return Refusal.Conflict("DuplicateCpr",
                "En anden person har allerede dette CPR-nummer. Er det samme person, så slå de to registreringer sammen.",
                "Another person already has this CPR number. If it is the same person, merge the records (MergeInto).", "cpr");
        person.AddCpr(cpr);
        return person;
    }
}
