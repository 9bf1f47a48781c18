using HousingCapacity.Api.Data;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// How each record reaches a person is declared once (<see cref="PersonReaches"/>): every record of the EF model must be declared,
/// and a record with a reference to a person must be declared by that reference, or the access log would miss it and a merge
/// would leave it on the merged-away record.
/// </summary>
public class PersonReachTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>The records of the model (the access log's own tables log nobody's data: they are the log).</summary>
    private IEnumerable<IEntityType> Records()
    {
        using var db = api.NewDb();
        return db.Model.GetEntityTypes()
            .Where(t => t.FindPrimaryKey() is not null && t.ClrType.IsSubclassOf(typeof(Entity))).ToList();
    }

    [Fact]
    public void EveryRecordOfTheModel_IsDeclared_AndNothingElse()
    {
        var records = Records().Select(t => t.ClrType).ToHashSet();
        foreach (var type in records)
            Assert.True(PersonReaches.Declared.ContainsKey(type), $"{type.Name} is not declared in PersonReaches");
        Assert.Empty(PersonReaches.Declared.Keys.Except(records));
    }

    [Fact]
    public void ARecordWithAReferenceToAPerson_IsDeclaredByThatReference()
    {
        foreach (var type in Records().Where(t => t.ClrType != typeof(Person)))
            foreach (var key in type.GetForeignKeys().Where(k => k.PrincipalEntityType.ClrType == typeof(Person)))
            {
                var column = Assert.IsAssignableFrom<PersonReach.Column>(PersonReaches.Of(type.ClrType));
                Assert.Equal(key.Properties.Single().Name, column.Property);
            }
    }

    [Fact]
    public async Task ThePersonOfEachKindOfRecord_IsFoundByItsKey()
    {
        await using var db = api.NewDb();
        var offer = await db.Offers.IgnoreQueryFilters().Include(o => o.Entry).FirstAsync();
        Assert.Equal([offer.Entry!.PersonId],
            await PersonReaches.Of(typeof(Offer)).PersonsOfAsync(db, [offer.Id], default));
        var stay = await db.Placements.IgnoreQueryFilters().FirstAsync();
        Assert.Equal([stay.PersonId], await PersonReaches.Of(typeof(Placement)).PersonsOfAsync(db, [stay.Id], default));
        Assert.Empty(await PersonReaches.Of(typeof(Facility)).PersonsOfAsync(db, [stay.FacilityId], default));
    }
}
