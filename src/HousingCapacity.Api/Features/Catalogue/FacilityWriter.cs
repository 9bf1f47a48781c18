using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>Facilities: a new one without a LegalBasis takes its kind's usual one (docs/domain.md); a night café or varmestue
/// run under Serviceloven §104 says so, and then no §110 rule applies to it. A stay keeps the basis it began under.</summary>
public sealed class FacilityWriter : IEntitySetWriter, ICreatesFrom<NewFacility>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewFacility>();
    public IReadOnlySet<string> Updatable { get; } = EntityValues.NamesOf<FacilityChange>();

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewFacility>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewFacility n, WriteContext c)
    {
        await References.EnsureVisibleAsync<Municipality>(db, n.MunicipalityId, "MunicipalityId", c.Cancellation);
        return (new Facility(n.MunicipalityId, n.Name, n.Kind, n.Address, n.GenderRestriction ?? GenderRestriction.None, n.MinAge,
            n.MaxAge, n.IsActive ?? true, n.LegalBasis), true);
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c) =>
        Task.FromResult(Change((Facility)e, v.As<FacilityChange>(e)));

    /// <summary>A facility as it is to be (PATCH, PUT, or the administrator's page).</summary>
    public static Refusal? Change(Facility f, FacilityChange change)
    {
        // Left out of a PUT, the legal basis stays (clients written before it existed must not reset it).
        f.Update(change.Name, change.Kind, change.Address, change.GenderRestriction, change.MinAge, change.MaxAge, change.IsActive,
            change.LegalBasis ?? f.LegalBasis);
        return null;
    }
}
