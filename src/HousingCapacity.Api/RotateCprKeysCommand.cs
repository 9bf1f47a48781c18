using System.Globalization;
using HousingCapacity.Api.Host;

namespace HousingCapacity.Api;

/// <summary>
/// <c>rotate-cpr-keys [--batch-size N] [--dry-run]</c> (issue 29.5): with new keys configured as <c>Security:CprEncryptionKey</c>
/// and <c>Security:CprLookupKey</c> and the old ones as <c>Security:PreviousCprEncryptionKey</c> and
/// <c>Security:PreviousCprLookupKey</c> (on every API process too), rewrites every CPR number under the new keys
/// (<see cref="CprKeyRotation"/>), a batch at a time, saying each batch on a line. Stopped, it is run again and goes on. Exit 0 when
/// every number is under the current keys, 1 when some could not be read with either pair (they are left as they were).
/// </summary>
public static class RotateCprKeysCommand
{
    public const int DefaultBatchSize = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        var batchSize = DefaultBatchSize;
        if (CommandHost.Value(args, "--batch-size") is { } given
            && (!int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out batchSize) || batchSize < 1))
        {
            Console.Error.WriteLine("Usage: rotate-cpr-keys [--batch-size N] [--dry-run]   (N at least 1; default 500)");
            return ExitCodes.Usage;
        }
        var dryRun = args.Contains("--dry-run");
        return await CommandHost.RunOnDatabaseAsync(args, Caller.System("rotate-cpr-keys"), async db =>
        {
            var keys = db.Shared.Cpr;
            var left = await CprKeyRotation.LeftAsync(db, CancellationToken.None);
            Console.WriteLine($"Current keys: id {keys.KeyId}. {left} CPR numbers are under other keys.");
            if (left == 0)
            {
                if (keys.HasPreviousKeys)
                    Console.WriteLine("Nothing is left under the previous keys: remove Security:PreviousCprEncryptionKey and " +
                                      "Security:PreviousCprLookupKey from the configuration and restart the API.");
                return ExitCodes.Done;
            }
            if (!keys.HasPreviousKeys)
                Console.WriteLine("Security:PreviousCprEncryptionKey and Security:PreviousCprLookupKey are not set: only numbers " +
                                  "from before key ids that the current keys read can be rewritten.");
            if (dryRun) return ExitCodes.Done;
            var started = DateTime.UtcNow;
            var result = await CprKeyRotation.RunAsync(db, batchSize, batch => Console.WriteLine(
                $"{DateTime.UtcNow:HH:mm:ss} batch {batch.Number}: {batch.Rotated} rewritten, {batch.Unreadable} unreadable, " +
                $"{batch.Left} left"), CancellationToken.None);
            Console.WriteLine($"Rewrote {result.Rotated} CPR numbers under key id {keys.KeyId} in {result.Batches} batches, " +
                              $"{(DateTime.UtcNow - started).TotalSeconds:F1} s.");
            if (result.Unreadable > 0)
            {
                Console.Error.WriteLine($"{result.Unreadable} CPR numbers could not be read with the current or the previous keys and " +
                                        "were left as they were: configure the keys they were written with and run it again.");
                return ExitCodes.Refused;
            }
            Console.WriteLine("Every CPR number is under the current keys: remove Security:PreviousCprEncryptionKey and " +
                              "Security:PreviousCprLookupKey from the configuration and restart the API.");
            return ExitCodes.Done;
        });
    }
}
