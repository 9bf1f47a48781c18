using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Waitlists;

public sealed class WaitlistWriter : IEntitySetWriter, ICreatesFrom<NewWaitlist>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewWaitlist>();
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string> { "Name", "Kind" };

    public Task<(Entity Entity, bool Created)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewWaitlist>(), c);

    public async Task<(Entity Entity, bool Created)> CreateAsync(HousingDbContext db, NewWaitlist n, WriteContext c)
    {
        await References.EnsureVisibleAsync<Municipality>(db, n.MunicipalityId, "MunicipalityId", c.Cancellation);
        return (new Waitlist(n.MunicipalityId, n.Name, n.Kind), true);
    }

    public Task UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var w = (Waitlist)e;
        w.Update(v.Get("Name", w.Name), v.Get("Kind", w.Kind));
        return Task.CompletedTask;
    }
}
