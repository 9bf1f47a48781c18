using HousingCapacity.Api.Data;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>The catalogue of places: municipalities, facilities and their units.</summary>
public sealed class MunicipalityWriter : IEntitySetWriter
{
    public string EntitySet => "Municipalities";
    public IReadOnlySet<string> Insertable { get; } = new HashSet<string> { "Code", "Name" };
    public IReadOnlySet<string> Updatable => Insertable;

    public async Task<(Entity, bool)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c)
    {
        var municipality = new Municipality(v.Required<int>("Code"), v.Required<string>("Name"));
        await EnsureCodeIsFreeAsync(db, municipality.Code, null, c.Cancellation);
        return (municipality, true);
    }

    public async Task UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var m = (Municipality)e;
        var code = v.Get("Code", m.Code);
        await EnsureCodeIsFreeAsync(db, code, m.Id, c.Cancellation);
        m.Update(code, v.Get("Name", m.Name));
    }

    private static async Task EnsureCodeIsFreeAsync(HousingDbContext db, int code, int? self, CancellationToken ct)
    {
        if (await db.Unscoped<Municipality>().AnyAsync(m => m.Code == code && m.Id != self, ct))
            throw new ODataProblem(409, "DuplicateMunicipalityCode", $"Der findes allerede en kommune med koden {code}.",
                $"A municipality with code {code} already exists.", "Code");
    }
}

public sealed class FacilityWriter : IEntitySetWriter
{
    public string EntitySet => "Facilities";
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

public sealed class UnitWriter : IEntitySetWriter
{
    public string EntitySet => "Units";
    public IReadOnlySet<string> Insertable { get; } = new HashSet<string> { "FacilityId", "Label", "Beds", "Status" };
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string> { "Label", "Beds", "Status" };

    public async Task<(Entity, bool)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c)
    {
        var facilityId = v.Required<int>("FacilityId");
        await References.EnsureVisibleAsync<Facility>(db, facilityId, "FacilityId", c.Cancellation);
        return (new Unit(facilityId, v.Required<string>("Label"), v.Required<int>("Beds"), v.Optional("Status", UnitStatus.InService),
            DanishTime.Today(c.Clock)), true);
    }

    public Task UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var u = (Unit)e;
        u.Update(v.Get("Label", u.Label), v.Get("Beds", u.Beds), v.Get("Status", u.Status), DanishTime.Today(c.Clock));
        return Task.CompletedTask;
    }
}
