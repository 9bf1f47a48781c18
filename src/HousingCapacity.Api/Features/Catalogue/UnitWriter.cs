using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.Features.Shared;
using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Catalogue;

public sealed class UnitWriter : IEntitySetWriter, ICreatesFrom<NewUnit>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewUnit>();
    public IReadOnlySet<string> Updatable { get; } = EntityValues.NamesOf<UnitChange>();

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewUnit>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewUnit n, WriteContext c)
    {
        await References.EnsureVisibleAsync<Facility>(db, n.FacilityId, "FacilityId", c.Cancellation);
        return (new Unit(n.FacilityId, n.Label, n.Beds, n.Status ?? UnitStatus.InService, DanishTime.Today(c.Clock)), true);
    }

    // PATCH keeps what is not sent; PUT needs every property (EntityValues.As).
    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c) =>
        ChangeAsync(db, (Unit)e, v.As<UnitChange>(e), c);

    public async Task<Refusal?> ChangeAsync(HousingDbContext db, Unit u, UnitChange change, WriteContext c)
    {
        var today = DanishTime.Today(c.Clock);
        var (beds, status) = (change.Beds, change.Status);
        if ((beds < u.Beds || status == UnitStatus.OutOfService && u.Status != UnitStatus.OutOfService)
            && await NoRoomForStaysAsync(db, u, beds, status, today, c.Cancellation) is { } noRoom)
            return noRoom;
        u.Update(change.Label, beds, status, today);
        return null;
    }

    /// <summary>
    /// No unit holds more people on a night than its beds (domain rule 2): beds are not lowered below the people the unit holds on
    /// a night from tonight on, and a unit is not taken out of service while someone stays in it or is booked into it. The
    /// database's triggers (migration 0008) refuse the same as the last line.
    /// </summary>
    private static async Task<Refusal?> NoRoomForStaysAsync(HousingDbContext db, Unit unit, int beds, UnitStatus status, LocalDate today,
        CancellationToken ct)
    {
        var stays = (await db.Unscoped<Placement>().Where(p => p.UnitId == unit.Id).Overlapping(new DateRange(today, null))
                .OrderBy(p => p.StartDate).ThenBy(p => p.Id).Select(p => new { p.Id, p.StartDate, p.EndDate }).ToListAsync(ct))
            .Select(p => (p.Id, Stay: new DateRange(p.StartDate, p.EndDate))).ToList();
        // The Danish text is read by people (Danish dates); the English by clients (ISO dates).
        static string Nights(DateRange s) => s.End is { } end ? $"{s.Start:yyyy-MM-dd}–{end:yyyy-MM-dd}" : $"{s.Start:yyyy-MM-dd}–";
        var stayDetails = stays.Take(20).Select(s => Refusal.Conflict("Stay",
            $"Ophold {Words.Stay(s.Stay.Start.ToDateOnly(), s.Stay.End.ToDateOnly())} (nr. {s.Id})",
            $"Stay {s.Id}: {Nights(s.Stay)}", "Placements")).ToList();
        if (status == UnitStatus.OutOfService && unit.Status != UnitStatus.OutOfService && stays.Count > 0)
            return Refusal.Conflict("UnitOccupied",
                $"{unit.Label} kan ikke tages ud af drift: {stays.Count} ophold har nætter fra i nat. Udskriv eller flyt dem først.",
                $"{unit.Label} cannot be taken out of service: {stays.Count} stays have nights from tonight on. Discharge or move them " +
                    "first.",
                "Status") with { Details = stayDetails };
        // The most people on a night are found tonight or on a night a stay begins.
        var nights = stays.Select(s => s.Stay.Start).Where(n => n > today).Append(today).Distinct().Order();
        var over = nights.Select(n => (Night: n, People: stays.Count(s => s.Stay.ContainsNight(n)))).Where(n => n.People > beds).ToList();
        if (over.Count > 0)
            return Refusal.Conflict("UnitOverCapacity",
                $"Antallet af senge i {unit.Label} kan ikke sættes til {beds}: " +
                    $"{Words.Count(over[0].People, "person bor", "personer bor")} der natten til {Words.Date(over[0].Night)}.",
                $"The beds of {unit.Label} cannot be set to {beds}: {over[0].People} people stay there on the night of " +
                    $"{over[0].Night:yyyy-MM-dd}.",
                "Beds") with
            {
                Details = [.. over.Take(10).Select(n => Refusal.Conflict("UnitOverCapacity",
                    $"Natten til {Words.Date(n.Night)}: {Words.Count(n.People, "person", "personer")}",
                    $"The night of {n.Night:yyyy-MM-dd}: {n.People} people", "Beds")), .. stayDetails],
            };
        return null;
    }
}
