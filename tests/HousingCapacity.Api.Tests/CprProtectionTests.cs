using System.Security.Cryptography;
using HousingCapacity.Api.Security;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The stored form of a CPR number and the keys that read it (issue 29.5): a number names the pair that wrote it; during a rotation
/// either pair reads and finds it; a number from before key ids ("v1:") is read by whichever pair wrote it; any other key fails
/// cleanly, naming the key.
/// </summary>
public class CprProtectionTests
{
    private const string Cpr = "120384-1235";
    private static readonly string OldEncryption = Key(), OldLookup = Key(), NewEncryption = Key(), NewLookup = Key();

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static CprProtection Keys(string encryption, string lookup, string? previousEncryption = null,
        string? previousLookup = null) => CprProtection.From(new CprKeyOptions
    {
        CprEncryptionKey = encryption, CprLookupKey = lookup,
        PreviousCprEncryptionKey = previousEncryption, PreviousCprLookupKey = previousLookup,
    }, allowDevelopmentKeys: false);

    private static readonly CprProtection Old = Keys(OldEncryption, OldLookup), New = Keys(NewEncryption, NewLookup),
        Rotating = Keys(NewEncryption, NewLookup, OldEncryption, OldLookup);

    /// <summary>The form written before key ids: "v1:" and the same payload.</summary>
    private static string Version1(string stored) => "v1:" + stored[(stored.IndexOf(':', 3) + 1)..];

    [Fact]
    public void ANumber_NamesThePairThatWroteIt_AndEveryWriteIsUnderTheCurrentPair()
    {
        var stored = Rotating.Encrypt(Cpr);
        Assert.StartsWith(Rotating.CurrentPrefix, stored);
        Assert.Equal(New.CurrentPrefix, Rotating.CurrentPrefix);
        Assert.Matches("^v2:[0-9a-f]{12}:$", New.CurrentPrefix);
        Assert.NotEqual(Old.KeyId, New.KeyId);
        Assert.Equal(Cpr, New.Decrypt(stored));
        Assert.Equal(New.Hash(Cpr), Rotating.Hash(Cpr));
        Assert.NotEqual(stored, Rotating.Encrypt(Cpr)); // a fresh nonce each time
    }

    [Fact]
    public void DuringARotation_EitherPairReadsAndFindsANumber_AfterItOnlyTheNewPair()
    {
        var written = Old.Encrypt(Cpr);
        Assert.Equal(Cpr, Rotating.Decrypt(written));
        Assert.Null(Rotating.KeyThatFails(written, Old.Hash(Cpr)));
        Assert.Equal([New.Hash(Cpr), Old.Hash(Cpr)], Rotating.Hashes(Cpr));
        Assert.Equal([New.Hash(Cpr)], New.Hashes(Cpr));
        Assert.Throws<CryptographicException>(() => New.Decrypt(written));
        Assert.Equal(CprKeyCheck.EncryptionKey, New.KeyThatFails(written, Old.Hash(Cpr)));
        Assert.Equal(CprKeyCheck.LookupKey, Rotating.KeyThatFails(written, New.Hash(Cpr)));
        Assert.Equal(CprKeyCheck.LookupKey, Rotating.KeyThatFails(written, null));
    }

    [Fact]
    public void ANumberFromBeforeKeyIds_IsReadByThePairThatWroteIt_AndIsStillToBeRotated()
    {
        var old = Version1(Old.Encrypt(Cpr));
        Assert.Equal(Cpr, Old.Decrypt(old));
        Assert.Equal(Cpr, Rotating.Decrypt(old));
        Assert.Null(Rotating.KeyThatFails(old, Old.Hash(Cpr)));
        Assert.Equal(CprKeyCheck.EncryptionKey, New.KeyThatFails(old, Old.Hash(Cpr)));
        Assert.False(old.StartsWith(Rotating.CurrentPrefix, StringComparison.Ordinal));
        // Only the look-up key changed: the encryption key reads it, the hash must still be the one it was written with.
        var lookupOnly = Keys(OldEncryption, NewLookup, OldEncryption, OldLookup);
        Assert.Null(lookupOnly.KeyThatFails(old, Old.Hash(Cpr)));
        Assert.Equal(CprKeyCheck.LookupKey, Old.KeyThatFails(old, New.Hash(Cpr)));
        // And a number of today's form, read with the right encryption key and another look-up key: the look-up key is named.
        Assert.Equal(CprKeyCheck.LookupKey, Keys(OldEncryption, NewLookup).KeyThatFails(Old.Encrypt(Cpr), Old.Hash(Cpr)));
        // The development keys' numbers, from a database seeded in Development, read as ever.
        var development = Version1(CprProtection.Development.Encrypt(Cpr));
        Assert.Equal(Cpr, CprProtection.Development.Decrypt(development));
    }

    [Fact]
    public void ADamagedNumber_FailsAsAWrongKey_NeverWithAnotherException()
    {
        foreach (var damaged in new[] { "v1:AAAA", "v1:not base64!", $"{New.CurrentPrefix}AAAA", "v2:", "v2:0123456789ab:xyz" })
        {
            Assert.Throws<CryptographicException>(() => Rotating.Decrypt(damaged));
            Assert.Equal(CprKeyCheck.EncryptionKey, Rotating.KeyThatFails(damaged, "x"));
        }
    }

    [Fact]
    public void TwoProtections_AreEqual_OnlyWithTheSameCurrentAndPreviousPairs()
    {
        Assert.Equal(New, Keys(NewEncryption, NewLookup));
        Assert.Equal(Rotating, Keys(NewEncryption, NewLookup, OldEncryption, OldLookup));
        Assert.NotEqual(New, Rotating);
        Assert.NotEqual(Old, New);
        Assert.True(Rotating.HasPreviousKeys);
        Assert.False(New.HasPreviousKeys);
    }

    [Fact]
    public void ThePreviousPair_MayBeTheDevelopmentPair_ButNeverTheCurrentOne_NorHalfGiven()
    {
        var fromDevelopment = Keys(NewEncryption, NewLookup, CprProtection.DevelopmentKeyBase64("encryption"),
            CprProtection.DevelopmentKeyBase64("lookup"));
        Assert.False(fromDevelopment.UsesDevelopmentKeys);
        Assert.Equal(Cpr, fromDevelopment.Decrypt(CprProtection.Development.Encrypt(Cpr)));
        Assert.Contains("are the current keys",
            Assert.Throws<StartupRefusedException>(() => Keys(NewEncryption, NewLookup, NewEncryption, NewLookup)).Message);
        Assert.Contains("are given together",
            Assert.Throws<StartupRefusedException>(() => Keys(NewEncryption, NewLookup, OldEncryption)).Message);
        Assert.Contains("PreviousCprLookupKey must be base64",
            Assert.Throws<StartupRefusedException>(() => Keys(NewEncryption, NewLookup, OldEncryption, "short")).Message);
    }
}
