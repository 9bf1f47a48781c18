using System.Security.Cryptography;

namespace HousingCapacity.Api.Security;

/// <summary>
/// At start, the CPR keys the API was given must be the keys the stored CPR numbers were written with (issue 23: a restored copy
/// started with other keys was accepted; then every read of a person failed and a registration with an existing number made a
/// duplicate, because the look-up hash no longer matched). The stored numbers are their own check value: the first and the last
/// person with a number must decrypt with the encryption key, and their look-up hash must be the lookup key's hash of the number.
/// A database without CPR numbers has nothing to mismatch.
/// </summary>
public static class CprKeyCheck
{
    public const string EncryptionKey = "Security:CprEncryptionKey", LookupKey = "Security:CprLookupKey";

    /// <summary>
    /// Which key does not read a stored CPR number (<see cref="EncryptionKey"/>: it does not decrypt; <see cref="LookupKey"/>: it does
    /// not hash to the look-up hash stored), or null when both do. The start-up check and verify-backup ask it.
    /// </summary>
    public static string? KeyThatFails(CprProtection keys, string stored, string? hash)
    {
        string cpr;
        try
        {
            cpr = keys.Decrypt(stored);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return EncryptionKey;
        }
        return hash == keys.Hash(cpr) ? null : LookupKey;
    }

    public static async Task EnsureKeysMatchDataAsync(HousingDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var order in new[] { "ASC", "DESC" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""SELECT "Cpr", "CprHash" FROM "Persons" WHERE "Cpr" IS NOT NULL ORDER BY "Id" {order} LIMIT 1""";
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct)) return;
                switch (KeyThatFails(db.Shared.Cpr, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)))
                {
                    case EncryptionKey:
                        throw new StartupRefusedException("Security:CprEncryptionKey is not the key the CPR numbers in this database " +
                            "were encrypted with (a backup restored with other keys?). Start with the keys the data were written with.");
                    case LookupKey:
                        throw new StartupRefusedException("Security:CprLookupKey is not the key the CPR numbers in this database were " +
                            "hashed with (a backup restored with other keys?). Start with the keys the data were written with.");
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
