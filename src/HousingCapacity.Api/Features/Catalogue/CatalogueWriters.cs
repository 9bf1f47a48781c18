using HousingCapacity.Api.Data;
using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>
/// The catalogue of places: municipalities, facilities and their units. A municipality's code is its identity in every token,
/// so it never changes; municipalities are created by the system (the <c>municipality</c> command), and an Administrator
/// renames their own (WriteScope).
/// </summary>
public sealed class MunicipalityWriter : IEntitySetWriter
{
    public IReadOnlySet<string> Insertable { get; } = new HashSet<string> { "Code", "Name" };
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string> { "Name" };

    public async Task<(Entity, bool)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        (await NewAsync(db, v.Required<int>("Code"), v.Required<string>("Name"), c.Cancellation), true);

    /// <summary>A new municipality (not yet added), refused when its code is taken.</summary>
    public static async Task<Municipality> NewAsync(HousingDbContext db, int code, string name, CancellationToken ct)
    {
        var municipality = new Municipality(code, name);
        if (await db.Unscoped<Municipality>().AnyAsync(m => m.Code == municipality.Code, ct))
            throw new ODataProblem(409, "DuplicateMunicipalityCode", $"Der findes allerede en kommune med koden {code}.",
                $"A municipality with code {code} already exists.", "Code");
        return municipality;
    }

    public Task UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var m = (Municipality)e;
        m.Rename(v.Get("Name", m.Name));
        return Task.CompletedTask;
    }
}

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

public sealed class UnitWriter : IEntitySetWriter
{
    public IReadOnlySet<string> Insertable { get; } = new HashSet<string> { "FacilityId", "Label", "Beds", "Status" };
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string> { "Label", "Beds", "Status" };

    public async Task<(Entity, bool)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c)
    {
        var facilityId = v.Required<int>("FacilityId");
        await References.EnsureVisibleAsync<Facility>(db, facilityId, "FacilityId", c.Cancellation);
        return (new Unit(facilityId, v.Required<string>("Label"), v.Required<int>("Beds"), v.Optional("Status", UnitStatus.InService),
            DanishTime.Today(c.Clock)), true);
    }

    public async Task UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var u = (Unit)e;
        var today = DanishTime.Today(c.Clock);
        var (beds, status) = (v.Get("Beds", u.Beds), v.Get("Status", u.Status));
        if (beds < u.Beds || status == UnitStatus.OutOfService && u.Status != UnitStatus.OutOfService)
            await EnsureRoomForStaysAsync(db, u, beds, status, today, c.Cancellation);
        u.Update(v.Get("Label", u.Label), beds, status, today);
    }

    /// <summary>
    /// No unit holds more people on a night than its beds (domain rule 2): beds are not lowered below the people the unit holds on
    /// a night from tonight on, and a unit is not taken out of service while someone stays in it or is booked into it. The
    /// database's triggers (migration 0008) refuse the same as the last line.
    /// </summary>
    private static async Task EnsureRoomForStaysAsync(HousingDbContext db, Unit unit, int beds, UnitStatus status, LocalDate today, CancellationToken ct)
    {
        var stays = (await PlacementAllocation.Overlapping(db.Unscoped<Placement>().Where(p => p.UnitId == unit.Id), new DateRange(today, null))
                .OrderBy(p => p.StartDate).ThenBy(p => p.Id).Select(p => new { p.Id, p.StartDate, p.EndDate }).ToListAsync(ct))
            .Select(p => (p.Id, Stay: new DateRange(p.StartDate, p.EndDate))).ToList();
        static string Nights(DateRange s) => s.End is { } end ? $"{s.Start:yyyy-MM-dd}–{end:yyyy-MM-dd}" : $"{s.Start:yyyy-MM-dd}–";
        var stayDetails = stays.Take(20).Select(s => new ProblemDetail("Stay", $"Ophold {s.Id}: {Nights(s.Stay)}", $"Stay {s.Id}: {Nights(s.Stay)}", "Placements")).ToList();
        if (status == UnitStatus.OutOfService && unit.Status != UnitStatus.OutOfService && stays.Count > 0)
            throw new ODataProblem(409, "UnitOccupied",
                $"{unit.Label} kan ikke tages ud af drift: {stays.Count} ophold har nætter fra i nat. Udskriv eller flyt dem først.",
                $"{unit.Label} cannot be taken out of service: {stays.Count} stays have nights from tonight on. Discharge or move them first.",
                "Status", stayDetails);
        // The most people on a night are found tonight or on a night a stay begins.
        var nights = stays.Select(s => s.Stay.Start).Where(n => n > today).Append(today).Distinct().Order();
        var over = nights.Select(n => (Night: n, People: stays.Count(s => s.Stay.ContainsNight(n)))).Where(n => n.People > beds).ToList();
        if (over.Count > 0)
            throw new ODataProblem(409, "UnitOverCapacity",
                $"Antallet af senge i {unit.Label} kan ikke sættes til {beds}: {over[0].People} personer bor der natten til {over[0].Night:yyyy-MM-dd}.",
                $"The beds of {unit.Label} cannot be set to {beds}: {over[0].People} people stay there on the night of {over[0].Night:yyyy-MM-dd}.",
                "Beds", [.. over.Take(10).Select(n => new ProblemDetail("UnitOverCapacity", $"Natten til {n.Night:yyyy-MM-dd}: {n.People} personer",
                    $"The night of {n.Night:yyyy-MM-dd}: {n.People} people", "Beds")), .. stayDetails]);
    }
}
