using System.Net;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.Security;
using HousingCapacity.Api.Tests.Infrastructure;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>A host on a second database, with CPR keys of its own.</summary>
public sealed class OtherKeysApiFixture : ApiFixture
{
    public static readonly string EncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string LookupKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    protected override IEnumerable<(string Key, string Value)> Settings =>
        [("Security:CprEncryptionKey", EncryptionKey), ("Security:CprLookupKey", LookupKey)];
}

/// <summary>
/// What the contexts of one database share is the host's (<see cref="HousingDatabase"/>), not the process's: two hosts on two
/// databases in one process share no write gate, log batch, cached month, catalogue answer or CPR key.
/// </summary>
public class HousingDatabaseTests(ApiFixture one, OtherKeysApiFixture other)
    : IClassFixture<ApiFixture>, IClassFixture<OtherKeysApiFixture>
{
    [Fact]
    public void TwoHosts_HaveEachTheirOwnPartsOfTheirDatabase()
    {
        Assert.NotSame(one.Shared, other.Shared);
        Assert.NotSame(one.Shared.AccessLogBatch, other.Shared.AccessLogBatch);
        Assert.NotSame(one.Shared.Reports, other.Shared.Reports);
        Assert.NotSame(one.Shared.Catalogue, other.Shared.Catalogue);
        Assert.NotEqual(one.Shared.Cpr, other.Shared.Cpr);
        if (one.Database.IsPostgreSql) return;
        Assert.NotSame(one.Shared.WriteGate, other.Shared.WriteGate);
    }

    [SqliteFact]
    public async Task OneHostsWriteGate_HeldLong_DoesNotStopTheOtherHostsWrites()
    {
        var gate = one.Shared.WriteGate!;
        await gate.WaitAsync();
        try
        {
            var created = await other.Staff(1).SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
                """{"FacilityId":1,"Date":"2026-11-22","Reason":"Full"}""");
            Assert.Equal(HttpStatusCode.Created, created.Status);
        }
        finally
        {
            gate.Release();
        }
    }

    [Fact]
    public async Task A_SaveOnOneHost_DropsOnlyItsOwnCachedMonths()
    {
        var october = new NodaTime.YearMonth(2026, 10);
        foreach (var api in new[] { one, other })
        {
            using var committee = api.HttpAs(Role.Committee);
            Assert.Equal(HttpStatusCode.OK, (await committee.GetAsync("/reports/monthly/175/2026-10.json")).StatusCode);
            Assert.True(api.Shared.Reports.TryGet(175, october, out _));
        }
        await using (var db = one.NewDb())
        {
            db.Turnaways.Add(new Turnaway(1, new NodaTime.LocalDate(2026, 10, 15), TurnawayReason.Full, null));
            await db.SaveChangesAsync();
        }
        Assert.False(one.Shared.Reports.TryGet(175, october, out _));
        Assert.True(other.Shared.Reports.TryGet(175, october, out _));
    }

    [Fact]
    public async Task EachHost_EncryptsAndFindsCprNumbers_WithItsOwnKeys()
    {
        // The same demo person (same number) in both databases: stored under two different hashes, each read back by its host.
        var hashes = new List<string>();
        string? cpr = null;
        foreach (var api in new[] { one, other })
        {
            await using var db = api.NewDb();
            var person = await db.Persons.Where(p => p.Cpr != null).OrderBy(p => p.Id).FirstAsync();
            Assert.True(cpr is null || cpr == person.Cpr);
            cpr = person.Cpr!;
            hashes.Add(await db.Persons.Where(p => p.Id == person.Id)
                .Select(p => EF.Property<string>(p, HousingDbContext.CprHash)).SingleAsync());
            Assert.Equal(api.Shared.Cpr.Hash(cpr), hashes[^1]);
            var found = await api.OData.GetAsync($"/odata/Persons?$filter=Cpr eq '{cpr}'&$select=Id,Cpr");
            Assert.Equal(person.Id, found.Value.EnumerateArray().Single().GetProperty("Id").GetInt32());
            Assert.Equal(cpr, found.Value[0].GetProperty("Cpr").GetString());
        }
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    /// <summary>A registry keyed by connection string, a static gate or key: what made two hosts share state. Static fields of
    /// the API hold constants and declarations only.</summary>
    [Fact]
    public void TheApi_HoldsNoMutableStaticState()
    {
        Type[] mutable = [typeof(System.Collections.Concurrent.ConcurrentDictionary<,>), typeof(SemaphoreSlim),
            typeof(System.Runtime.CompilerServices.ConditionalWeakTable<,>), typeof(Microsoft.AspNetCore.Http.HttpContextAccessor),
            typeof(List<>), typeof(Lock)];
        var offenders = typeof(HousingDbContext).Assembly.GetTypes()
            .Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false)
                        && !(t.Namespace ?? "").StartsWith("System.", StringComparison.Ordinal)
                        && !(t.Namespace ?? "").StartsWith("AspNetCoreGeneratedDocument", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public
                                         | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(f => !f.IsLiteral && !f.Name.StartsWith('<'))
                .Where(f => !f.IsInitOnly || mutable.Contains(f.FieldType.IsGenericType ? f.FieldType.GetGenericTypeDefinition()
                    : f.FieldType))
                .Select(f => $"{t.FullName}.{f.Name}"))
            .ToList();
        Assert.Empty(offenders);
    }
}
