using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Waitlists;

public sealed class WaitlistWriter : IEntitySetWriter, ICreatesFrom<NewWaitlist>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewWaitlist>();
    public IReadOnlySet<string> Updatable { get; } = EntityValues.NamesOf<WaitlistChange>();

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewWaitlist>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewWaitlist n, WriteContext c)
    {
        await References.EnsureVisibleAsync<Municipality>(db, n.MunicipalityId, "MunicipalityId", c.Cancellation);
        return (new Waitlist(n.MunicipalityId, n.Name, n.Kind), true);
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var w = (Waitlist)e;
        var change = v.As<WaitlistChange>(w);
        w.Update(change.Name, change.Kind);
        return Task.FromResult<Refusal?>(null);
    }
}
