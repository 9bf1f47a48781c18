namespace HousingCapacity.Api.Security;

/// <summary>
/// At start, the CPR keys the API was given must be the keys the stored CPR numbers were written with (issue 23: a restored copy
/// started with other keys was accepted; then every read of a person failed and a registration with an existing number made a
/// duplicate, because the look-up hash no longer matched). The stored numbers are their own check value: the first and the last
/// person with a number, and the first whose number was not written with the current keys, must decrypt with the encryption key,
/// and their look-up hash must be the lookup key's hash of the number (during a rotation, of the previous keys if those wrote it:
/// <see cref="CprProtection.KeyThatFails"/>). A database without CPR numbers has nothing to mismatch.
/// </summary>
public static class CprKeyCheck
{
    public const string EncryptionKey = "Security:CprEncryptionKey", LookupKey = "Security:CprLookupKey";

    /// <param name="firstNotCurrent">
    /// Also the first number not written with the current keys. Finding it reads every number when none is left, so the start
    /// asks it and the readiness probe, run every few seconds, does not: a process whose keys a rotation has left behind fails
    /// on the first number, which the rotation rewrites first.
    /// </param>
    public static async Task EnsureKeysMatchDataAsync(HousingDbContext db, CancellationToken ct, bool firstNotCurrent = true)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // The first and the last number, and the first not written with the current keys (a rotation not finished: the
            // last number may be new while older ones are not rewritten yet).
            const string numbers = """SELECT "Cpr", "CprHash" FROM "Persons" WHERE "Cpr" IS NOT NULL""";
            string[] queries = [$"""{numbers} ORDER BY "Id" LIMIT 1""", $"""{numbers} ORDER BY "Id" DESC LIMIT 1"""];
            if (firstNotCurrent)
                queries = [.. queries,
                    $"""{numbers} AND substr("Cpr", 1, {db.Shared.Cpr.CurrentPrefix.Length}) <> @prefix ORDER BY "Id" LIMIT 1"""];
            foreach (var sql in queries)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                Data.SchemaMigrator.AddParameter(command, "@prefix", db.Shared.Cpr.CurrentPrefix);
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct)) continue;
                switch (db.Shared.Cpr.KeyThatFails(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)))
                {
                    case EncryptionKey:
                        throw new StartupRefusedException("Security:CprEncryptionKey is not the key the CPR numbers in this database " +
                            "were encrypted with (a backup restored with other keys, or a key rotation not finished?). Start with the " +
                            "keys the data were written with.");
                    case LookupKey:
                        throw new StartupRefusedException("Security:CprLookupKey is not the key the CPR numbers in this database were " +
                            "hashed with (a backup restored with other keys, or a key rotation not finished?). Start with the keys the " +
                            "data were written with.");
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
