namespace HousingCapacity.Api.Security;

/// <summary>
/// Re-encrypts and re-hashes every stored CPR number still under the previous keys with the current keys (issue 29.5), in batches,
/// each one write transaction at the database's write lock like any other write: the API goes on meanwhile, reading every number
/// with either pair (<see cref="CprProtection"/>). Resumable: what is done is what starts with the current key id, so a run that is
/// stopped, or fails, is run again and goes on where it was. A number no configured key reads is left as it is and counted.
/// </summary>
public static class CprKeyRotation
{
    /// <summary>One batch done: how many it rewrote, how many it could not read, and how many are left after it.</summary>
    public sealed record Batch(int Number, int Rotated, int Unreadable, int Left);

    /// <summary>The whole run: the numbers rewritten, and those no configured key reads (left as they were).</summary>
    public sealed record Result(int Rotated, int Unreadable, int Batches);

    /// <summary>How many stored numbers are not under the current keys.</summary>
    public static Task<int> LeftAsync(HousingDbContext db, CancellationToken ct) => LeftAsync(db, 0, ct);

    public static async Task<Result> RunAsync(HousingDbContext db, int batchSize, Action<Batch> done, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var keys = db.Shared.Cpr;
        var (after, rotated, unreadable, batches) = (0, 0, 0, 0);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            int batchRotated = 0, batchUnreadable = 0;
            await using (var transaction = await db.BeginWriteAsync(ct))
            {
                // Read at the write lock: nothing changes these rows between the read and the update.
                var rows = await NotCurrentAsync(db, after, batchSize, ct);
                if (rows.Count == 0) return new Result(rotated, unreadable, batches);
                foreach (var row in rows)
                {
                    if (keys.KeyThatFails(row.Cpr, row.CprHash, out var cpr) is not null || cpr is null)
                    {
                        batchUnreadable++;
                        continue;
                    }
                    var (stored, hash) = (keys.Encrypt(cpr), keys.Hash(cpr));
                    // Only the row as it was read: a row rewritten meanwhile by someone else is under the current keys already.
                    batchRotated += await db.Database.ExecuteSqlAsync($"""
                        UPDATE "Persons" SET "Cpr" = {stored}, "CprHash" = {hash} WHERE "Id" = {row.Id} AND "Cpr" = {row.Cpr}
                        """, ct);
                }
                after = rows[^1].Id;
                await transaction.CommitAsync(ct);
            }
            (rotated, unreadable, batches) = (rotated + batchRotated, unreadable + batchUnreadable, batches + 1);
            done(new Batch(batches, batchRotated, batchUnreadable, await LeftAsync(db, after, ct)));
        }
    }

    /// <summary>A stored number as it is, its key id and all.</summary>
    private sealed record StoredCpr(int Id, string Cpr, string? CprHash);

    private static Task<List<StoredCpr>> NotCurrentAsync(HousingDbContext db, int after, int batchSize, CancellationToken ct)
    {
        var prefix = db.Shared.Cpr.CurrentPrefix;
        return db.Database.SqlQuery<StoredCpr>($"""
            SELECT "Id", "Cpr", "CprHash" FROM "Persons"
            WHERE "Cpr" IS NOT NULL AND substr("Cpr", 1, {prefix.Length}) <> {prefix} AND "Id" > {after}
            ORDER BY "Id" LIMIT {batchSize}
            """).ToListAsync(ct);
    }

    /// <summary>The numbers after <paramref name="after"/> (an id) not under the current keys.</summary>
    private static Task<int> LeftAsync(HousingDbContext db, int after, CancellationToken ct)
    {
        var prefix = db.Shared.Cpr.CurrentPrefix;
        return db.Database.SqlQuery<int>($"""
            SELECT CAST(COUNT(*) AS INTEGER) AS "Value" FROM "Persons"
            WHERE "Cpr" IS NOT NULL AND substr("Cpr", 1, {prefix.Length}) <> {prefix} AND "Id" > {after}
            """).SingleAsync(ct);
    }
}
