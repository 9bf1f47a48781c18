using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Catalogue;

public sealed class FacilityWriter : IEntitySetWriter
{
    public IReadOnlySet<string> Insertable { get; } = new HashSet<string>
        { "MunicipalityId", "Name", "Kind", "Address", "GenderRestriction", "MinAge", "MaxAge", "IsActive" };
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string>
        { "Name", "Kind", "Address", "GenderRestriction", "MinAge", "MaxAge", "IsActive" };

    public async Task<(Entity, bool)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c)
    {
        var municipalityId = v.Required<int>("MunicipalityId");
        await References.EnsureVisibleAsync<Municipality>(db, municipalityId, "MunicipalityId", c.Cancellation);
        return (new Facility(municipalityId, v.Required<string>("Name"), v.Required<FacilityKind>("Kind"), v.Required<string>("Address"),
            v.Optional("GenderRestriction", GenderRestriction.None), v.Optional<int?>("MinAge", null), v.Optional<int?>("MaxAge", null),
            v.Optional("IsActive", true)), true);
    }

    public Task UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var f = (Facility)e;
        f.Update(v.Get("Name", f.Name), v.Get("Kind", f.Kind), v.Get("Address", f.Address), v.Get("GenderRestriction", f.GenderRestriction),
            v.Get("MinAge", f.MinAge), v.Get("MaxAge", f.MaxAge), v.Get("IsActive", f.IsActive));
        return Task.CompletedTask;
    }
}
