using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>
/// The catalogue of places: municipalities, facilities and their units. A municipality's code is its identity in every token,
/// so it never changes; municipalities are created by the system (the <c>municipality</c> command), and an Administrator
/// renames their own (WriteScope).
/// </summary>
public sealed class MunicipalityWriter : IEntitySetWriter, ICreatesFrom<NewMunicipality>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewMunicipality>();
    public IReadOnlySet<string> Updatable { get; } = EntityValues.NamesOf<MunicipalityChange>();

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewMunicipality>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewMunicipality n, WriteContext c) =>
        (await NewAsync(db, n.Code, n.Name, c.Cancellation)).Then(m => ((Entity)m, true));

    /// <summary>A new municipality (not yet added), refused when its code is taken.</summary>
    public static async Task<Outcome<Municipality>> NewAsync(HousingDbContext db, int code, string name, CancellationToken ct)
    {
        var municipality = new Municipality(code, name);
        if (await db.Unscoped<Municipality>().AnyAsync(m => m.Code == municipality.Code, ct))
            return Refusal.Conflict("DuplicateMunicipalityCode", $"Der findes allerede en kommune med koden {code}.",
                $"A municipality with code {code} already exists.", "Code");
        return municipality;
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var m = (Municipality)e;
        m.Rename(v.As<MunicipalityChange>(m).Name);
        return Task.FromResult<Refusal?>(null);
    }
}
