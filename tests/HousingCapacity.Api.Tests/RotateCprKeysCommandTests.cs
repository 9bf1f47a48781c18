using System.Security.Cryptography;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Issue 29.5, as docs/operations.md tells an operator to do it: data written with one pair of keys; <c>rotate-cpr-keys</c> with the
/// new pair current and the old one previous rewrites every number, a batch at a time; then <c>verify-backup</c> finds every number
/// read by the new pair alone and none by the old. Runs on the suite's provider (both, in CI).
/// </summary>
public class RotateCprKeysCommandTests
{
    private static string RealKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task RotateCprKeys_RewritesEveryNumber_AfterwardsTheNewKeysAloneReadThemAll()
    {
        using var file = new TempDatabase("rotate");
        var (signing, oldEncryption, oldLookup, newEncryption, newLookup) = (RealKey(), RealKey(), RealKey(), RealKey(), RealKey());
        string[] Keys(string encryption, string lookup) =>
            [.. file.Arguments, $"--Security:CprEncryptionKey={encryption}", $"--Security:CprLookupKey={lookup}"];
        string[] Rotating(params string[] more) => [.. more, .. Keys(newEncryption, newLookup),
            $"--Security:PreviousCprEncryptionKey={oldEncryption}", $"--Security:PreviousCprLookupKey={oldLookup}"];
        var seeded = await ApiCommand.RunAsync("Production", ["seed", "--persons", "15", .. Keys(oldEncryption, oldLookup),
            $"--Authentication:SigningKeys:0={signing}"]);
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var before = await ApiCommand.RunAsync("Production", ["verify-backup", .. Keys(oldEncryption, oldLookup)]);
        var count = int.Parse(System.Text.RegularExpressions.Regex.Match(before.Out, @"read all (\d+) CPR numbers").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count >= 40, before.Out);

        // A dry run counts and changes nothing; without the previous keys nothing can be read, and nothing changes either.
        var dry = await ApiCommand.RunAsync("Production", Rotating("rotate-cpr-keys", "--dry-run"));
        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains($"{count} CPR numbers are under other keys", dry.Out);
        var withoutPrevious = await ApiCommand.RunAsync("Production", ["rotate-cpr-keys", .. Keys(newEncryption, newLookup)]);
        Assert.Equal(1, withoutPrevious.ExitCode);
        Assert.Contains($"{count} CPR numbers could not be read", withoutPrevious.Error);
        Assert.Equal(0, (await ApiCommand.RunAsync("Production", ["verify-backup", .. Keys(oldEncryption, oldLookup)])).ExitCode);

        var rotated = await ApiCommand.RunAsync("Production", Rotating("rotate-cpr-keys", "--batch-size", "7"));
        Assert.True(rotated.ExitCode == 0, rotated.Out + rotated.Error);
        Assert.Contains($"batch 1: 7 rewritten, 0 unreadable, {count - 7} left", rotated.Out);
        Assert.Contains($"Rewrote {count} CPR numbers", rotated.Out);
        Assert.Contains("remove Security:PreviousCprEncryptionKey", rotated.Out);
        // No CPR number in the output. The key id it names is 12 hex digits, which may hold ten decimal ones in a row: left out.
        Assert.DoesNotMatch(@"\d{6}-?\d{4}", System.Text.RegularExpressions.Regex.Replace(rotated.Out, @"\bid [0-9a-f]{12}\b", "id"));

        var newAlone = await ApiCommand.RunAsync("Production", ["verify-backup", .. Keys(newEncryption, newLookup)]);
        Assert.True(newAlone.ExitCode == 0, newAlone.Out);
        Assert.Contains($"the configured keys read all {count} CPR numbers", newAlone.Out);
        var oldAlone = await ApiCommand.RunAsync("Production", ["verify-backup", .. Keys(oldEncryption, oldLookup)]);
        Assert.Equal(1, oldAlone.ExitCode);
        Assert.Contains($"{count} of {count} CPR numbers do not read", oldAlone.Out);

        var again = await ApiCommand.RunAsync("Production", Rotating("rotate-cpr-keys"));
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("0 CPR numbers are under other keys", again.Out);
    }

    [Fact]
    public async Task RotateCprKeys_RefusesABadBatchSize_AndPreviousKeysThatAreTheCurrentOnes_InOneLine()
    {
        var zero = await ApiCommand.RunAsync("Development", ["rotate-cpr-keys", "--batch-size", "0"]);
        Assert.Equal(2, zero.ExitCode);
        Assert.StartsWith("Usage: rotate-cpr-keys", zero.Error);
        var (encryption, lookup) = (RealKey(), RealKey());
        var same = await ApiCommand.RunAsync("Development", ["rotate-cpr-keys", $"--Security:CprEncryptionKey={encryption}",
            $"--Security:CprLookupKey={lookup}", $"--Security:PreviousCprEncryptionKey={encryption}",
            $"--Security:PreviousCprLookupKey={lookup}"]);
        Assert.Equal(1, same.ExitCode);
        Assert.Equal("Security:PreviousCprEncryptionKey and Security:PreviousCprLookupKey are the current keys: give the keys the " +
                     "data were written with, or leave them out.", same.Error);
        var half = await ApiCommand.RunAsync("Development", ["rotate-cpr-keys", $"--Security:PreviousCprEncryptionKey={encryption}"]);
        Assert.Equal(1, half.ExitCode);
        Assert.StartsWith("Security:PreviousCprEncryptionKey and Security:PreviousCprLookupKey are given together", half.Error);
    }
}
