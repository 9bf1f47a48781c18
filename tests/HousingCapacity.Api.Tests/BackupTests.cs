using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Issue 29.4: <c>backup --to FILE</c> copies the SQLite database while the API writes, and the copy is the database as of one
/// moment: every write acknowledged before the backup began is in it, and none acknowledged is missing up to the last it holds.
/// <c>verify-backup</c> passes it, and fails it when the configured keys are not the ones its CPR numbers were written with.
/// </summary>
public sealed class BackupTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [SqliteFact]
    public async Task ABackupTakenUnderWriteLoad_HoldsEveryAcknowledgedWriteBeforeIt_AndVerifies()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("Section110Shelter");
        var staff = api.Staff(facility);
        var acknowledged = new ConcurrentQueue<int>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var reply = await staff.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
                    $$"""{"FacilityId":{{facility}},"Reason":"Full"}""");
                if (reply.Status == HttpStatusCode.Created) acknowledged.Enqueue(reply.Json.GetProperty("Id").GetInt32());
            }
        })).ToList();
        while (acknowledged.Count < 20) await Task.Delay(20);
        var before = acknowledged.ToList();
        var file = Path.Combine(Path.GetTempPath(), $"hc-backup-{Guid.NewGuid():N}.db");
        try
        {
            var backup = await ApiCommand.RunAsync("Development", ["backup", "--to", file, .. api.Database.Arguments]);
            var during = acknowledged.Count;
            await Task.Delay(200);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            Assert.True(backup.ExitCode == 0, backup.Out + backup.Error);
            Assert.Contains("ok     integrity: ok", backup.Out);
            Assert.Contains("The copy is whole and readable with the configured keys.", backup.Out);
            Assert.True(acknowledged.Count > during, "the writes went on after the backup");

            List<int> copied;
            await using (var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
            {
                await copy.OpenAsync();
                await using var command = copy.CreateCommand();
                command.CommandText = $"SELECT Id FROM Turnaways WHERE FacilityId = {facility}";
                await using var reader = await command.ExecuteReaderAsync();
                copied = [];
                while (await reader.ReadAsync()) copied.Add(reader.GetInt32(0));
            }
            Assert.Subset(copied.ToHashSet(), before.ToHashSet());
            var last = copied.Max();
            Assert.All(acknowledged.Where(id => id <= last), id => Assert.Contains(id, copied));

            var verified = await ApiCommand.RunAsync("Development", ["verify-backup", file]);
            Assert.True(verified.ExitCode == 0, verified.Out + verified.Error);
            Assert.Contains($"Turnaways: ", verified.Out);
            Assert.Matches(@"ok +cpr-keys: the configured keys read all \d+ CPR numbers", verified.Out);
            Assert.DoesNotMatch(@"\d{6}-?\d{4}", verified.Out);

            // Started with other keys, the copy is not trusted: exit 1, naming the check.
            string Key(byte b) => Convert.ToBase64String(Enumerable.Repeat(b, 32).ToArray());
            var otherKeys = await ApiCommand.RunAsync("Development", ["verify-backup", file,
                $"--Security:CprEncryptionKey={Key(7)}", $"--Security:CprLookupKey={Key(9)}"]);
            Assert.Equal(1, otherKeys.ExitCode);
            Assert.Contains("FAILED cpr-keys", otherKeys.Out);

            var again = await ApiCommand.RunAsync("Development", ["backup", "--to", file, .. api.Database.Arguments]);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("exists already", again.Error);
        }
        finally
        {
            await stop.CancelAsync();
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    /// <summary>PostgreSQL, as docs/postgresql.md says: pg_dump -Fc, pg_restore into a new database, verify-backup against it.</summary>
    [PostgreSqlFact]
    public async Task ADumpRestoredIntoANewDatabase_Verifies_WithEveryRowAndCprNumber()
    {
        var bin = Path.GetDirectoryName(Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Last())!;
        var source = new Npgsql.NpgsqlConnectionStringBuilder(api.ConnectionString);
        using var restored = new TempDatabase("restored");
        var dump = Path.Combine(Path.GetTempPath(), $"hc-{Guid.NewGuid():N}.dump");
        async Task RunAsync(string tool, params string[] args)
        {
            var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(bin, tool))
                { RedirectStandardError = true, RedirectStandardOutput = true };
            var port = source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var arg in (string[])["-h", source.Host!, "-p", port, "-U", source.Username!, .. args])
                start.ArgumentList.Add(arg);
            using var process = System.Diagnostics.Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool}: {error}");
        }
        try
        {
            await RunAsync("pg_dump", "-Fc", "-d", source.Database!, "-f", dump);
            await RunAsync("pg_restore", "--no-owner", "--no-privileges", "-d", restored.DatabaseName!, dump);
            var verified = await ApiCommand.RunAsync("Development", ["verify-backup", .. restored.Arguments]);
            Assert.True(verified.ExitCode == 0, verified.Out + verified.Error);
            Assert.Contains("ok     schema: version", verified.Out);
            Assert.Matches(@"ok +cpr-keys: the configured keys read all [1-9]\d* CPR numbers", verified.Out);
        }
        finally
        {
            File.Delete(dump);
        }
    }
}
