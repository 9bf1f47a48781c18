using System.Security.Cryptography;
using System.Text;

namespace HousingCapacity.Api.Security;

/// <summary>
/// CPR numbers are confidential (databeskyttelsesloven §11): the database file alone must not give them in clear text.
/// Persons.Cpr holds "v1:" + base64(nonce | tag | ciphertext) (AES-256-GCM, a fresh nonce each time), and Persons.CprHash
/// a keyed HMAC-SHA256 of the number for equality lookups and uniqueness. The keys are configuration, one pair per database
/// (<see cref="Data.HousingDatabase"/>); losing them loses the CPR numbers, so they are backed up with the database. Two
/// protections with the same keys are equal, so that contexts on databases with the same keys share one EF model.
/// </summary>
public sealed class CprProtection : IEquatable<CprProtection>
{
    private const string Prefix = "v1:";
    private readonly byte[] _encryptionKey;
    private readonly byte[] _lookupKey;

    private CprProtection(byte[] encryptionKey, byte[] lookupKey, bool development) =>
        (_encryptionKey, _lookupKey, UsesDevelopmentKeys) = (encryptionKey, lookupKey, development);

    /// <summary>The public development keys (they are in this file): for Development, tests and tools on demo data.</summary>
    public static CprProtection Development { get; } = new(DevelopmentKey("encryption"), DevelopmentKey("lookup"), true);

    /// <summary>True with the development keys, which are public and protect nothing.</summary>
    public bool UsesDevelopmentKeys { get; }

    /// <summary>The configured keys; outside Development missing, public or equal keys refuse the start.</summary>
    public static CprProtection From(CprKeyOptions options, bool allowDevelopmentKeys)
    {
        if (string.IsNullOrWhiteSpace(options.CprEncryptionKey) || string.IsNullOrWhiteSpace(options.CprLookupKey))
            return allowDevelopmentKeys ? Development
                : throw new StartupRefusedException("Security:CprEncryptionKey and Security:CprLookupKey must be set outside " +
                    "Development (base64 of 32 random bytes each, e.g. `openssl rand -base64 32`).");
        var encryption = Key(options.CprEncryptionKey, "Security:CprEncryptionKey");
        var lookup = Key(options.CprLookupKey, "Security:CprLookupKey");
        var development = encryption.AsSpan().SequenceEqual(DevelopmentKey("encryption"))
            || lookup.AsSpan().SequenceEqual(DevelopmentKey("lookup"));
        // The development keys are public (they are in this file): configured by hand outside Development, they protect nothing.
        if (development && !allowDevelopmentKeys)
            throw new StartupRefusedException("Security:CprEncryptionKey or Security:CprLookupKey is the public development key; " +
                                              "it is refused outside Development.");
        if (encryption.AsSpan().SequenceEqual(lookup) && !allowDevelopmentKeys)
            throw new StartupRefusedException("Security:CprEncryptionKey and Security:CprLookupKey must be two different keys.");
        return new CprProtection(encryption, lookup, development);
    }

    public string Encrypt(string cpr)
    {
        var plain = Encoding.ASCII.GetBytes(cpr);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(_encryptionKey, 16)) aes.Encrypt(nonce, plain, cipher, tag);
        return Prefix + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Decrypt(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored; // a row written before encryption (schema < 6)
        var bytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var plain = new byte[bytes.Length - 28];
        using (var aes = new AesGcm(_encryptionKey, 16))
            aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(28), bytes.AsSpan(12, 16), plain);
        return Encoding.ASCII.GetString(plain);
    }

    public string Hash(string cpr) => Convert.ToBase64String(HMACSHA256.HashData(_lookupKey, Encoding.ASCII.GetBytes(cpr)));

    public bool Equals(CprProtection? other) => other is not null
        && _encryptionKey.AsSpan().SequenceEqual(other._encryptionKey) && _lookupKey.AsSpan().SequenceEqual(other._lookupKey);

    public override bool Equals(object? obj) => Equals(obj as CprProtection);

    public override int GetHashCode() => BitConverter.ToInt32(_lookupKey, 0);

    private static byte[] Key(string base64, string name)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            return key.Length == 32 ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new StartupRefusedException($"{name} must be base64 of exactly 32 bytes.");
        }
    }

    /// <summary>The public development key for a purpose ("encryption" or "lookup"), as base64: for tests and documentation.</summary>
    public static string DevelopmentKeyBase64(string purpose) => Convert.ToBase64String(DevelopmentKey(purpose));

    private static byte[] DevelopmentKey(string purpose) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("HousingCapacity development key, never for real data: " + purpose));
}
