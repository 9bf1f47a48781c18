using HousingCapacity.Api.OData;
using HousingCapacity.Api.Features.Shared;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.ExtraCapacity;

/// <summary>
/// POST /odata/ExtraBeds: a place opens extra beds for a period (a kuldeberedskab, say): a unit of their own, in service on the
/// period's nights only. A place has one period of extra beds on a night at most, so that the board and the report say plainly
/// how many beds are extra. The period is history: never edited or deleted, only closed early (<see cref="ExtraBedsActions"/>).
/// </summary>
public sealed class ExtraBedsWriter(IOptions<PlacementPolicy> policy) : IEntitySetWriter, ICreatesFrom<NewExtraBeds>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewExtraBeds>();
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string>();
    public bool AllowsUpdate => false;
    public bool AllowsDelete => false;

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewExtraBeds>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewExtraBeds n, WriteContext c)
    {
        var facility = await References.VisibleAsync<Facility>(db, n.FacilityId, "FacilityId", c.Cancellation);
        if (!facility.IsActive)
            return Refusal.Rule("FacilityInactive", $"{facility.Name} er lukket og kan ikke åbne ekstra senge.",
                $"{facility.Name} is closed and cannot open extra beds.", "FacilityId");
        // The period's own rules first (its nights, beds and reason), then whether it meets another of the place's.
        var tonight = DanishTime.Night(c.Clock, policy.Value.NightEndsAtHour);
        var beds = new ExtraBeds(facility.Id, n.FirstNight.ToLocalDate(), n.LastNight.ToLocalDate(), n.Beds, n.Reason, n.Note, tonight,
            c.Clock.GetCurrentInstant(), c.UserName);
        if (await OverlappingAsync(db, facility.Id, n.FirstNight, n.LastNight, c.Cancellation) is { } other)
            return Refusal.Conflict("ExtraBedsOverlap",
                $"{facility.Name} har allerede ekstra senge åbne nætterne {Words.Nights(other.FirstNight, other.LastNight)}. " +
                "Vælg andre nætter, eller luk de andre først.",
                $"{facility.Name} already has extra beds open on the nights {other.FirstNight:yyyy-MM-dd} to " +
                $"{other.LastNight:yyyy-MM-dd}. Choose other nights, or close those first.", "FirstNight");
        return (beds, true);
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context) =>
        throw new InvalidOperationException("Extra beds are closed early, not edited.");

    /// <summary>Another period of the place's extra beds that shares a night with these.</summary>
    private static Task<ExtraBeds?> OverlappingAsync(HousingDbContext db, int facilityId, DateOnly first, DateOnly last,
        CancellationToken ct) =>
        db.Unscoped<ExtraBeds>().AsNoTracking().Where(e => e.FacilityId == facilityId && e.FirstNight <= last && e.LastNight >= first)
            .OrderBy(e => e.FirstNight).FirstOrDefaultAsync(ct);
}
