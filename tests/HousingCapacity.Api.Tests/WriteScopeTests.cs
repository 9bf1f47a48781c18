using System.Runtime.CompilerServices;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Every record of the model has a rule in <see cref="WriteScope"/>: a record without one would be refused to everyone, and no
/// test through the API notices that until the first write of its set (the access matrix writes nonsense bodies that never
/// reach the save).
/// </summary>
public class WriteScopeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task EveryRecordOfTheModel_HasAWriteRule_ForEveryRole()
    {
        await using var db = api.NewDb();
        var records = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => t.IsSubclassOf(typeof(Entity))).ToList();
        Assert.NotEmpty(records);
        var municipality = await db.Municipalities.SingleAsync(m => m.Code == 175);
        var facility = await db.Facilities.Where(f => f.MunicipalityId == municipality.Id).OrderBy(f => f.Id).Select(f => f.Id)
            .FirstAsync();
        var callers = Enum.GetValues<Role>().Select(role => Caller.Person("scope", role, municipality.Id, 175,
            role == Role.ShelterStaff ? [facility] : [])).ToList();
        var missing = new List<string>();
        foreach (var type in records)
        {
            // An empty record of the type, only for its type to be matched: it is never saved.
            var record = (Entity)RuntimeHelpers.GetUninitializedObject(type);
            IReadOnlyList<EntityEntry<Entity>> change = [db.Entry(record)];
            foreach (var caller in callers)
            {
                try
                {
                    await WriteScope.EnsureAsync(db, caller, change, default);
                }
                catch (AccessDeniedException)
                {
                    // The rule said no: a rule exists.
                }
                catch (InvalidOperationException e) when (e.Message.StartsWith("WriteScope has no rule", StringComparison.Ordinal))
                {
                    missing.Add($"{type.Name} ({caller.Role})");
                }
            }
        }
        Assert.True(missing.Count == 0, "WriteScope has no rule for: " + string.Join(", ", missing));
    }
}
