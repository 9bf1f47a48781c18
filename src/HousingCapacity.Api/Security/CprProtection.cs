using System.Security.Cryptography;
using System.Text;

namespace HousingCapacity.Api.Security;

/// <summary>
/// CPR numbers are confidential (databeskyttelsesloven §11): the database file alone must not give them in clear text.
/// Persons.Cpr holds "v2:" + the key id + ":" + base64(nonce | tag | ciphertext) (AES-256-GCM, a fresh nonce each time), and
/// Persons.CprHash a keyed HMAC-SHA256 of the number for equality lookups and uniqueness. The keys are configuration, one pair
/// per database (<see cref="Data.HousingDatabase"/>); losing them loses the CPR numbers, so they are backed up with the database.
/// <para>
/// Keys can be rotated (issue 29.5): with the previous pair configured beside the current one, numbers are read with whichever
/// pair wrote them (the key id says which; a number from before key ids, "v1:", is tried with both), looked up by either pair's
/// hash, and always written with the current pair; <c>rotate-cpr-keys</c> rewrites every number still under the previous pair.
/// Two protections with the same keys are equal, so that contexts on databases with the same keys share one EF model.
/// </para>
/// </summary>
public sealed class CprProtection : IEquatable<CprProtection>
{
    private const string Version1 = "v1:", Version2 = "v2:";
    private readonly KeyPair _current;
    private readonly KeyPair? _previous;

    private CprProtection(KeyPair current, KeyPair? previous, bool development) =>
        (_current, _previous, UsesDevelopmentKeys) = (current, previous, development);

    /// <summary>The public development keys (they are in this file): for Development, tests and tools on demo data.</summary>
    public static CprProtection Development { get; } = new(KeyPair.DevelopmentPair, null, true);

    /// <summary>True with the development keys as the current pair, which are public and protect nothing.</summary>
    public bool UsesDevelopmentKeys { get; }

    /// <summary>The current pair's id: every number written now starts with <see cref="CurrentPrefix"/>.</summary>
    public string KeyId => _current.Id;

    /// <summary>How a number written with the current pair begins; a stored number that does not is still to be rotated.</summary>
    public string CurrentPrefix => Version2 + _current.Id + ":";

    /// <summary>True while the previous pair is configured too: a rotation is under way.</summary>
    public bool HasPreviousKeys => _previous is not null;

    /// <summary>The configured keys; outside Development missing, public or equal keys refuse the start.</summary>
    public static CprProtection From(CprKeyOptions options, bool allowDevelopmentKeys)
    {
        var previous = Previous(options);
        if (string.IsNullOrWhiteSpace(options.CprEncryptionKey) || string.IsNullOrWhiteSpace(options.CprLookupKey))
            return allowDevelopmentKeys ? WithPrevious(Development, previous)
                : throw new StartupRefusedException("Security:CprEncryptionKey and Security:CprLookupKey must be set outside " +
                    "Development (base64 of 32 random bytes each, e.g. `openssl rand -base64 32`).");
        var current = new KeyPair(Key(options.CprEncryptionKey, CprKeyCheck.EncryptionKey),
            Key(options.CprLookupKey, CprKeyCheck.LookupKey));
        var development = current.SharesAKeyWith(KeyPair.DevelopmentPair);
        // The development keys are public (they are in this file): configured by hand outside Development, they protect nothing.
        if (development && !allowDevelopmentKeys)
            throw new StartupRefusedException("Security:CprEncryptionKey or Security:CprLookupKey is the public development key; " +
                                              "it is refused outside Development.");
        if (current.UsesOneKeyTwice && !allowDevelopmentKeys)
            throw new StartupRefusedException("Security:CprEncryptionKey and Security:CprLookupKey must be two different keys.");
        return WithPrevious(new CprProtection(current, null, development), previous);
    }

    /// <summary>
    /// The previous pair, when a rotation is under way. It may be the development pair: moving a database seeded in Development onto
    /// real keys is a rotation like any other.
    /// </summary>
    private static KeyPair? Previous(CprKeyOptions options)
    {
        var (encryption, lookup) = (options.PreviousCprEncryptionKey, options.PreviousCprLookupKey);
        if (string.IsNullOrWhiteSpace(encryption) && string.IsNullOrWhiteSpace(lookup)) return null;
        if (string.IsNullOrWhiteSpace(encryption) || string.IsNullOrWhiteSpace(lookup))
            throw new StartupRefusedException("Security:PreviousCprEncryptionKey and Security:PreviousCprLookupKey are given together " +
                                              "(during a rotation: both keys the data were written with, even if one is unchanged).");
        return new KeyPair(Key(encryption, "Security:PreviousCprEncryptionKey"), Key(lookup, "Security:PreviousCprLookupKey"));
    }

    private static CprProtection WithPrevious(CprProtection current, KeyPair? previous) =>
        previous is null ? current
        : previous.Id == current._current.Id
            ? throw new StartupRefusedException("Security:PreviousCprEncryptionKey and Security:PreviousCprLookupKey are the current " +
                                                "keys: give the keys the data were written with, or leave them out.")
            : new CprProtection(current._current, previous, current.UsesDevelopmentKeys);

    public string Encrypt(string cpr) => CurrentPrefix + _current.Encrypt(cpr);

    /// <summary>The number stored; a wrong or unknown key throws <see cref="CryptographicException"/>.</summary>
    public string Decrypt(string stored)
    {
        foreach (var pair in PairsFor(stored))
            if (pair.TryDecrypt(Payload(stored), out var cpr)) return cpr;
        return stored.StartsWith(Version1, StringComparison.Ordinal) || stored.StartsWith(Version2, StringComparison.Ordinal)
            ? throw new CryptographicException("The CPR number was written with keys that are not configured.")
            : stored; // a row written before encryption (schema < 6)
    }

    /// <summary>
    /// Whether the stored number and its look-up hash read with one configured pair: null when they do, else the key that fails
    /// (<see cref="CprKeyCheck.EncryptionKey"/>: no pair decrypts it; <see cref="CprKeyCheck.LookupKey"/>: the hash is not the
    /// look-up key's hash of the number).
    /// </summary>
    public string? KeyThatFails(string stored, string? hash) => KeyThatFails(stored, hash, out _);

    /// <summary>As <see cref="KeyThatFails(string, string?)"/>, with the number itself when both keys read it.</summary>
    public string? KeyThatFails(string stored, string? hash, out string? cpr)
    {
        cpr = null;
        if (!stored.StartsWith(Version1, StringComparison.Ordinal) && !stored.StartsWith(Version2, StringComparison.Ordinal))
        {
            if (hash != _current.Hash(stored) && hash != _previous?.Hash(stored)) return CprKeyCheck.LookupKey;
            cpr = stored; // a row written before encryption (schema < 6)
            return null;
        }
        var decrypted = false;
        foreach (var pair in PairsFor(stored))
        {
            if (!pair.TryDecrypt(Payload(stored), out var number)) continue;
            if (hash == pair.Hash(number))
            {
                cpr = number;
                return null;
            }
            decrypted = true;
        }
        // A pair the id does not name may still hold the encryption key that wrote the number: then it is the look-up key that
        // differs, and the operator is told so.
        decrypted = decrypted || Pairs.Any(pair => pair.TryDecrypt(Payload(stored), out _));
        return decrypted ? CprKeyCheck.LookupKey : CprKeyCheck.EncryptionKey;
    }

    /// <summary>The current look-up key's hash of a number: what a write stores.</summary>
    public string Hash(string cpr) => _current.Hash(cpr);

    /// <summary>Every configured look-up key's hash of a number (the current first): what a look-up matches during a rotation.</summary>
    public IReadOnlyList<string> Hashes(string cpr) => _previous is null ? [_current.Hash(cpr)] : [_current.Hash(cpr), _previous.Hash(cpr)];

    private IEnumerable<KeyPair> Pairs => _previous is null ? [_current] : [_current, _previous];

    /// <summary>The keys that may have written a stored number: the pair its id names, or, before key ids, every pair.</summary>
    private IEnumerable<KeyPair> PairsFor(string stored)
    {
        if (stored.StartsWith(Version2, StringComparison.Ordinal))
        {
            var id = stored.AsSpan(Version2.Length, Math.Min(KeyPair.IdLength, stored.Length - Version2.Length));
            if (id.SequenceEqual(_current.Id)) yield return _current;
            else if (_previous is not null && id.SequenceEqual(_previous.Id)) yield return _previous;
        }
        else if (stored.StartsWith(Version1, StringComparison.Ordinal))
        {
            yield return _current;
            if (_previous is not null) yield return _previous;
        }
    }

    private static string Payload(string stored)
    {
        var start = stored.StartsWith(Version2, StringComparison.Ordinal) ? Version2.Length + KeyPair.IdLength + 1 : Version1.Length;
        return start <= stored.Length ? stored[start..] : "";
    }

    public bool Equals(CprProtection? other) => other is not null
        && _current.Id == other._current.Id && _previous?.Id == other._previous?.Id;

    public override bool Equals(object? obj) => Equals(obj as CprProtection);

    public override int GetHashCode() => HashCode.Combine(_current.Id, _previous?.Id);

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
    public static string DevelopmentKeyBase64(string purpose) => Convert.ToBase64String(KeyPair.DevelopmentKey(purpose));

    /// <summary>An encryption key and a look-up key, named by an id derived from both.</summary>
    private sealed class KeyPair
    {
        public const int IdLength = 12;
        private readonly byte[] _encryption, _lookup;

        public KeyPair(byte[] encryption, byte[] lookup)
        {
            (_encryption, _lookup) = (encryption, lookup);
            // A SHA-256 of 64 random bytes, shortened: it names the pair and tells nothing of the keys.
            Id = Convert.ToHexStringLower(SHA256.HashData([.. "HousingCapacity CPR key id:"u8, .. encryption, .. lookup]))[..IdLength];
        }

        public static KeyPair DevelopmentPair { get; } = new(DevelopmentKey("encryption"), DevelopmentKey("lookup"));

        public string Id { get; }
        public bool UsesOneKeyTwice => _encryption.AsSpan().SequenceEqual(_lookup);

        public bool SharesAKeyWith(KeyPair other) =>
            _encryption.AsSpan().SequenceEqual(other._encryption) || _lookup.AsSpan().SequenceEqual(other._lookup);

        public string Encrypt(string cpr)
        {
            var plain = Encoding.ASCII.GetBytes(cpr);
            var nonce = RandomNumberGenerator.GetBytes(12);
            var tag = new byte[16];
            var cipher = new byte[plain.Length];
            using (var aes = new AesGcm(_encryption, 16)) aes.Encrypt(nonce, plain, cipher, tag);
            return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
        }

        /// <summary>False when this key did not write the payload (GCM's tag does not match) or it is not a payload at all.</summary>
        public bool TryDecrypt(string payload, out string cpr)
        {
            cpr = "";
            var bytes = new byte[payload.Length];
            if (!Convert.TryFromBase64String(payload, bytes, out var length) || length < 28) return false;
            var plain = new byte[length - 28];
            try
            {
                using var aes = new AesGcm(_encryption, 16);
                aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(28, length - 28), bytes.AsSpan(12, 16), plain);
            }
            catch (CryptographicException)
            {
                return false;
            }
            cpr = Encoding.ASCII.GetString(plain);
            return true;
        }

        public string Hash(string cpr) => Convert.ToBase64String(HMACSHA256.HashData(_lookup, Encoding.ASCII.GetBytes(cpr)));

        public static byte[] DevelopmentKey(string purpose) =>
            SHA256.HashData(Encoding.UTF8.GetBytes("HousingCapacity development key, never for real data: " + purpose));
    }
}
