using HousingCapacity.Api.Data;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using HousingCapacity.Seed;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The API in the middle of a key rotation: its data were written with the development keys (the previous pair), and it is
/// configured with a new pair as the current one and the development pair as the previous one.
/// </summary>
public sealed class RotatingKeysFixture : ApiFixture
{
    public static readonly string NewEncryptionKey = Key(11), NewLookupKey = Key(13);

    public static string Key(byte fill) => Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray());

    public static CprProtection NewKeysAlone => CprProtection.From(
        new CprKeyOptions { CprEncryptionKey = NewEncryptionKey, CprLookupKey = NewLookupKey }, allowDevelopmentKeys: false);

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Security:CprEncryptionKey", NewEncryptionKey), ("Security:CprLookupKey", NewLookupKey),
        ("Security:PreviousCprEncryptionKey", CprProtection.DevelopmentKeyBase64("encryption")),
        ("Security:PreviousCprLookupKey", CprProtection.DevelopmentKeyBase64("lookup")),
    ];

    /// <summary>The demo data, written with the old keys (the development pair) by a context of its own.</summary>
    protected override async Task SeedAsync(HousingDbContext db)
    {
        var options = Database.Options();
        await using var old = new HousingDbContext(options, CallerScope.ForSystem("test-setup"), SystemClock.Instance,
            HousingDatabase.Standalone(options, CprProtection.Development));
        await DatabaseSetup.SeedAsync(old, new DemoDataOptions { Today = Today, PersonsPerMunicipality = 150 });
    }
}

/// <summary>
/// Issue 29.5: the CPR keys can be rotated while the API runs. With both pairs configured, every number is read and found by
/// either; <see cref="CprKeyRotation"/> rewrites them under the new pair in batches, can be stopped and run again, and loses nothing
/// the API writes meanwhile; afterwards the new pair alone reads every number and the old pair none. Runs on either provider.
/// </summary>
public sealed class CprKeyRotationTests(RotatingKeysFixture api) : IClassFixture<RotatingKeysFixture>
{
    private sealed record StoredRow(int Id, string Cpr, string? CprHash);

    private async Task<List<StoredRow>> StoredAsync()
    {
        await using var db = api.NewDb();
        return await db.Database.SqlQuery<StoredRow>(
            $"""SELECT "Id", "Cpr", "CprHash" FROM "Persons" WHERE "Cpr" IS NOT NULL ORDER BY "Id" """).ToListAsync();
    }

    private async Task<Dictionary<int, string>> NumbersAsync()
    {
        await using var db = api.NewDb();
        return await db.Unscoped<Person>().Where(p => p.Cpr != null).ToDictionaryAsync(p => p.Id, p => p.Cpr!);
    }

    private async Task AssertFoundByTheApiAsync(int id, string cpr)
    {
        var found = await api.OData.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{cpr}')");
        Assert.True(found.Status == HttpStatusCode.OK, found.Body);
        Assert.Equal(id, Assert.Single(found.Value.EnumerateArray()).GetProperty("PersonId").GetInt32());
        var filtered = await api.OData.GetAsync($"/odata/Persons?$filter=Cpr eq '{cpr}'&$select=Id,Cpr");
        Assert.Equal(cpr, Assert.Single(filtered.Value.EnumerateArray()).GetProperty("Cpr").GetString());
        var duplicate = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Persons",
            $$"""{"Cpr":"{{cpr}}","FirstName":"Dobbelt","LastName":"Registrering","MunicipalityId":1}""");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal("DuplicateCpr", duplicate.ErrorCode);
    }

    [Fact]
    public async Task ARotation_StoppedAndRunAgainWhileTheApiWrites_LeavesEveryNumberUnderTheNewKeys_AndLosesNothing()
    {
        var numbers = await NumbersAsync();
        var rows = await StoredAsync();
        var currentPrefix = api.Shared.Cpr.CurrentPrefix;
        Assert.True(rows.Count >= 300, $"{rows.Count} numbers");
        Assert.All(rows, r => Assert.StartsWith("v2:", r.Cpr));
        Assert.DoesNotContain(rows, r => r.Cpr.StartsWith(currentPrefix, StringComparison.Ordinal));
        await using (var db = api.NewDb()) Assert.Equal(rows.Count, await CprKeyRotation.LeftAsync(db, CancellationToken.None));

        // Stopped after its first batch: that batch is done, the rest is as it was.
        using var stop = new CancellationTokenSource();
        var batches = new List<CprKeyRotation.Batch>();
        await using (var db = api.NewDb())
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CprKeyRotation.RunAsync(db, 100, batch =>
            {
                batches.Add(batch);
                stop.Cancel();
            }, stop.Token));
        var first = Assert.Single(batches);
        Assert.Equal((1, 100, 0, rows.Count - 100), (first.Number, first.Rotated, first.Unreadable, first.Left));
        var half = await StoredAsync();
        Assert.Equal(100, half.Count(r => r.Cpr.StartsWith(currentPrefix, StringComparison.Ordinal)));
        Assert.All(half.Take(100), r => Assert.StartsWith(currentPrefix, r.Cpr));

        // Half done, the API reads and finds a number under either pair, and still refuses to register either twice.
        async Task<int> VisibleAsync(string filter) => (await api.OData.GetAsync($"/odata/Persons?$select=Id&$top=1&$filter={filter}"))
            .Value.EnumerateArray().Single().GetProperty("Id").GetInt32();
        var (rotated, waiting) = (await VisibleAsync($"Id le {rows[99].Id}"), await VisibleAsync($"Id gt {rows[99].Id}"));
        Assert.StartsWith(currentPrefix, half.Single(r => r.Id == rotated).Cpr);
        Assert.DoesNotContain(currentPrefix, half.Single(r => r.Id == waiting).Cpr);
        await AssertFoundByTheApiAsync(rotated, numbers[rotated]);
        await AssertFoundByTheApiAsync(waiting, numbers[waiting]);
        var read = await api.OData.GetAsync($"/odata/Persons({waiting})?$select=Id,Cpr");
        Assert.Equal(numbers[waiting], read.Json.GetProperty("Cpr").GetString());

        // Half done, with the first and the last number (a new registration) under the new keys: the new keys alone are still
        // refused at start, and both pairs accepted.
        var make = new Builders(api);
        var latest = await make.RegisterAsync(new LocalDate(1969, 4, 5));
        var options = api.Database.Options();
        await using (var newKeysAlone = new HousingDbContext(options, CallerScope.ForSystem("test"), SystemClock.Instance,
                         HousingDatabase.Standalone(options, RotatingKeysFixture.NewKeysAlone)))
            Assert.StartsWith("Security:CprEncryptionKey is not the key", (await Assert.ThrowsAsync<StartupRefusedException>(() =>
                CprKeyCheck.EnsureKeysMatchDataAsync(newKeysAlone, CancellationToken.None))).Message);
        await using (var db = api.NewDb()) await CprKeyCheck.EnsureKeysMatchDataAsync(db, CancellationToken.None);

        // Run again while officers register persons and look up numbers that flip from one pair to the other under them.
        var registered = new System.Collections.Concurrent.ConcurrentDictionary<int, string>([new(latest.Id, latest.Cpr)]);
        var lookupsFailed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var writing = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            var sample = numbers.Where(n => n.Key % 3 == w).Take(40).ToList();
            for (var i = 0; !writing.IsCancellationRequested; i++)
            {
                var (id, cpr) = await make.RegisterAsync(new LocalDate(1970 + w, 1 + i % 12, 1 + i % 28));
                registered[id] = cpr;
                var (oldId, oldCpr) = sample[i % sample.Count];
                var found = await api.OData.GetAsync($"/odata/Persons/HousingCapacity.FindByCpr(cpr='{oldCpr}')");
                if (found.Status != HttpStatusCode.OK || found.Value.GetArrayLength() != 1
                    || found.Value[0].GetProperty("PersonId").GetInt32() != oldId)
                    lookupsFailed.Enqueue($"{oldId}: {found.Status}");
            }
        })).ToList();
        while (registered.Count < 7) await Task.Delay(20);
        CprKeyRotation.Result result;
        batches.Clear();
        await using (var db = api.NewDb()) result = await CprKeyRotation.RunAsync(db, 25, batches.Add, CancellationToken.None);
        await writing.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Empty(lookupsFailed);
        Assert.Equal(rows.Count - 100, result.Rotated);
        Assert.Equal(0, result.Unreadable);
        Assert.True(result.Batches >= (rows.Count - 100) / 25, $"{result.Batches} batches");
        Assert.Equal(0, batches[^1].Left);
        var after = await StoredAsync();
        Assert.All(after, r => Assert.StartsWith(currentPrefix, r.Cpr));
        Assert.Equal(rows.Count + registered.Count, after.Count);
        var numbersAfter = await NumbersAsync();
        Assert.All(numbers.Concat(registered), n => Assert.Equal(n.Value, numbersAfter[n.Key]));

        // Done: the new pair alone reads and finds every number, the old pair none; and a run more finds nothing to do.
        var newAlone = RotatingKeysFixture.NewKeysAlone;
        Assert.All(after, r => Assert.Null(newAlone.KeyThatFails(r.Cpr, r.CprHash)));
        Assert.All(after, r => Assert.Equal(CprKeyCheck.EncryptionKey, CprProtection.Development.KeyThatFails(r.Cpr, r.CprHash)));
        Assert.All(after, r => Assert.Equal(newAlone.Hash(numbersAfter[r.Id]), r.CprHash));
        await using (var db = api.NewDb())
        {
            Assert.Equal(0, await CprKeyRotation.LeftAsync(db, CancellationToken.None));
            Assert.Equal(new CprKeyRotation.Result(0, 0, 0), await CprKeyRotation.RunAsync(db, 25, _ => { }, CancellationToken.None));
        }
        await AssertFoundByTheApiAsync(waiting, numbers[waiting]);
    }
}
