using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Holds;

/// <summary>
/// Staff hold a free bed for tonight for someone on the way: POST /odata/BedHolds with UnitId or FacilityId, an optional
/// PersonId and Note. The hold stands until ExpiresAt (DefaultMinutes after it was made), until it is released
/// (DELETE), or until the named person is allocated to that unit. Minutes may be given up to MaxMinutes; a user has at most
/// MaxOpenPerUser holds standing at once.
/// </summary>
public sealed class BedHoldWriter(IOptions<BedHoldOptions> options, IOptions<PlacementPolicy> policy) : IEntitySetWriter,
    ICreatesFrom<NewBedHold>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewBedHold>();
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string>();
    public bool AllowsUpdate => false;

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewBedHold>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewBedHold h, WriteContext c)
    {
        var ct = c.Cancellation;
        var now = c.Clock.GetCurrentInstant();
        // A bed for tonight, as shelters count nights (before the morning hour: the night that began the evening before).
        var night = DanishTime.Night(c.Clock, policy.Value.NightEndsAtHour);
        var personId = h.PersonId;
        if (personId is not null) await References.EnsureVisibleAsync<Person>(db, personId.Value, "PersonId", ct);
        var expiresAt = h.ExpiresAt?.ToInstant() ?? now + Duration.FromMinutes(options.Value.DefaultMinutes);
        if (expiresAt <= now || expiresAt > now + Duration.FromMinutes(options.Value.MaxMinutes))
            return Refusal.Rule("InvalidHoldLength", $"En reservation kan vare fra 1 til {options.Value.MaxMinutes} minutter.",
                $"A hold can last from 1 to {options.Value.MaxMinutes} minutes.", "ExpiresAt");

        var at = now.ToUtc();
        var open = await db.Unscoped<BedHold>().CountAsync(h => h.HeldBy == c.UserName && h.ReleasedAt == null && h.ExpiresAt > at, ct);
        if (open >= options.Value.MaxOpenPerUser)
            return Refusal.Conflict("TooManyHolds",
                $"Du har allerede {open} reservationer, som er det højeste antal. Ophæv en, før du reserverer en ny seng.",
                $"You already have {open} holds, which is the most allowed. Release one before holding another bed.", "UnitId");

        var stay = new DateRange(night, night.PlusDays(1));
        Unit? unit;
        var unitId = h.UnitId;
        if (unitId is not null)
        {
            unit = await References.VisibleAsync<Unit>(db, unitId.Value, "UnitId", ct);
            if (unit.Status == UnitStatus.OutOfService)
                return Refusal.Conflict("UnitOutOfService", $"{unit.Label} er ude af drift.", $"{unit.Label} is out of service.",
                    "UnitId");
            if (!unit.OpenOn(night))
                return Refusal.Conflict("UnitOutOfService", $"{unit.Label} er ikke åbne i nat.", $"{unit.Label} are not open tonight.",
                    "UnitId");
            if (await BedsTakenAsync(db, unit.Id, stay, now, null, ct) >= unit.Beds)
                return Refusal.Conflict("UnitDoubleBooked", $"{unit.Label} har ingen ledig seng i nat.",
                    $"{unit.Label} has no free bed tonight.", "UnitId");
        }
        else
        {
            if (h.FacilityId is not { } facilityId)
                return Refusal.Invalid("MissingProperty", "Egenskaben FacilityId skal angives.", "The property FacilityId is required.",
                    "FacilityId");
            await References.EnsureVisibleAsync<Facility>(db, facilityId, "FacilityId", ct);
            if (await FirstFreeUnitAsync(db, facilityId, stay, now, ct) is not { } free)
                return Refusal.Conflict("FacilityFull", "Tilbuddet har ingen ledig seng i nat.", "The facility has no free bed tonight.",
                    "FacilityId");
            unit = free;
        }
        return (new BedHold(unit.FacilityId, unit.Id, personId, night, now, expiresAt - now, c.UserName, h.Note), true);
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context) =>
        throw new InvalidOperationException("Holds are released, not edited.");

    /// <summary>People in the unit on the stay's busiest night plus beds others hold for its first night.</summary>
    public static async Task<int> BedsTakenAsync(HousingDbContext db, int unitId, DateRange stay, Instant now, int? exceptPersonId,
        CancellationToken ct) =>
        await PlacementAllocation.PeakOccupancyAsync(db, unitId, stay, ct) + await HeldAsync(db, unitId, stay.Start, now, exceptPersonId,
            ct);

    public static Task<int> HeldAsync(HousingDbContext db, int unitId, LocalDate night, Instant now, int? exceptPersonId,
        CancellationToken ct)
    {
        var (date, at) = (night.ToDateOnly(), now.ToUtc());
        return db.Unscoped<BedHold>().CountAsync(h => h.UnitId == unitId && h.Night == date && h.ReleasedAt == null && h.ExpiresAt > at
                                    && (exceptPersonId == null || h.PersonId == null || h.PersonId != exceptPersonId), ct);
    }

    public static async Task<Unit?> FirstFreeUnitAsync(HousingDbContext db, int facilityId, DateRange stay, Instant now,
        CancellationToken ct, int? exceptPersonId = null) =>
        (await FirstFreeAsync(db, facilityId, stay, now, ct, exceptPersonId))?.Unit;

    /// <summary>A unit with a bed free for the stay, with its busiest night's count and the beds held for others, and the stay it
    /// gives (<see cref="Unit.StayFor"/>: among extra beds, one that ends with them).</summary>
    public sealed record FreeUnit(Unit Unit, int Peak, int Held, DateRange Stay);

    public static async Task<FreeUnit?> FirstFreeAsync(HousingDbContext db, int facilityId, DateRange stay, Instant now,
        CancellationToken ct, int? exceptPersonId = null)
    {
        // Three queries for the whole facility, not two per unit. The stays are read through the units, so that the index on
        // (UnitId, end) finds the running ones without reading the facility's history. Nothing here is changed: not tracked.
        // The regular units first; extra beds open that night only once those are full.
        var units = (await db.Unscoped<Unit>().AsNoTracking().Where(u => u.FacilityId == facilityId)
            .Where(Unit.BookableOn(stay.Start.ToDateOnly())).OrderBy(u => u.OpenFrom != null).ThenBy(u => u.Id).ToListAsync(ct))
            .Where(u => u.OpenThroughout(u.StayFor(stay))).ToList();
        var stays = (await db.Unscoped<Placement>().Where(p => p.Unit!.FacilityId == facilityId).Overlapping(stay)
                .Select(p => new { p.UnitId, p.StartDate, p.EndDate }).ToListAsync(ct))
            .ToLookup(p => p.UnitId, p => new DateRange(p.StartDate, p.EndDate));
        var (firstNight, at) = (stay.Start.ToDateOnly(), now.ToUtc());
        var held = await db.Unscoped<BedHold>().Where(h => h.FacilityId == facilityId && h.Night == firstNight && h.ReleasedAt == null
            && h.ExpiresAt > at
                                                && (exceptPersonId == null || h.PersonId == null || h.PersonId != exceptPersonId))
            .GroupBy(h => h.UnitId).Select(g => new { UnitId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.UnitId, x => x.N, ct);
        return units.Select(u => new FreeUnit(u, PlacementAllocation.Peak(stays[u.Id].ToList(), u.StayFor(stay)),
                held.GetValueOrDefault(u.Id), u.StayFor(stay)))
            .FirstOrDefault(f => f.Peak + f.Held < f.Unit.Beds);
    }
}
