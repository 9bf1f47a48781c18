using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Waitlists;

public sealed class WaitlistWriter : IEntitySetWriter
{
    public IReadOnlySet<string> Insertable { get; } = new HashSet<string> { "MunicipalityId", "Name", "Kind" };
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string> { "Name", "Kind" };

    public async Task<(Entity, bool)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c)
    {
        var municipalityId = v.Required<int>("MunicipalityId");
        await References.EnsureVisibleAsync<Municipality>(db, municipalityId, "MunicipalityId", c.Cancellation);
        return (new Waitlist(municipalityId, v.Required<string>("Name"), v.Required<WaitlistKind>("Kind")), true);
    }

    public Task UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var w = (Waitlist)e;
        w.Update(v.Get("Name", w.Name), v.Get("Kind", w.Kind));
        return Task.CompletedTask;
    }
}
