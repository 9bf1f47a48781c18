using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>Facilities: a new one without a LegalBasis takes its kind's usual one (docs/domain.md); a night café or varmestue
/// run under Serviceloven §104 says so, and then no §110 rule applies to it. A stay keeps the basis it began under.</summary>
public sealed class FacilityWriter : IEntitySetWriter
{
    public IReadOnlySet<string> Insertable { get; } = new HashSet<string>
        { "MunicipalityId", "Name", "Kind", "Address", "GenderRestriction", "MinAge", "MaxAge", "IsActive", "LegalBasis" };
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string>
        { "Name", "Kind", "Address", "GenderRestriction", "MinAge", "MaxAge", "IsActive", "LegalBasis" };

    public async Task<(Entity, bool)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c)
    {
        var municipalityId = v.Required<int>("MunicipalityId");
        await References.EnsureVisibleAsync<Municipality>(db, municipalityId, "MunicipalityId", c.Cancellation);
        return (new Facility(municipalityId, v.Required<string>("Name"), v.Required<FacilityKind>("Kind"), v.Required<string>("Address"),
            v.Optional("GenderRestriction", GenderRestriction.None), v.Optional<int?>("MinAge", null), v.Optional<int?>("MaxAge", null),
            v.Optional("IsActive", true), v.Optional<LegalBasis?>("LegalBasis", null)), true);
    }

    public Task UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var f = (Facility)e;
        f.Update(v.Get("Name", f.Name), v.Get("Kind", f.Kind), v.Get("Address", f.Address), v.Get("GenderRestriction", f.GenderRestriction),
            v.Get("MinAge", f.MinAge), v.Get("MaxAge", f.MaxAge), v.Get("IsActive", f.IsActive),
            // Left out of a PUT, the legal basis stays (clients written before it existed must not reset it).
            v.Get<LegalBasis?>("LegalBasis", f.LegalBasis));
        return Task.CompletedTask;
    }
}
