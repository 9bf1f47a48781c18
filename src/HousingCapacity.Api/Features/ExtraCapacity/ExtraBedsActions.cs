using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.ExtraCapacity;

/// <summary>Closing extra beds early: the API's action and the staff's page share it.</summary>
public static class ExtraBedsActions
{
    /// <summary>
    /// Closes the beds after <paramref name="lastNight"/> (default: the night before tonight, so that they close from tonight),
    /// refused while someone has one of them, or a bed held among them, on a night from then on. Runs under the database's write
    /// lock, which waits for every allocation under way (<see cref="WriteLock"/>): a stay cannot slip in between the count and the
    /// close, and the database's guard refuses one all the same.
    /// </summary>
    public static async Task<Outcome<Entity>> CloseAsync(HousingDbContext db, ExtraBeds beds, LocalDate? lastNight, LocalDate tonight,
        WriteContext c)
    {
        var ct = c.Cancellation;
        var last = lastNight ?? tonight.PlusDays(-1);
        var closesFrom = last.PlusDays(1).ToDateOnly();
        await db.Entry(beds).Reference(b => b.Unit).LoadAsync(ct);
        var now = c.Clock.GetCurrentInstant().ToUtc();
        var stays = await db.Unscoped<Placement>().CountAsync(p => p.UnitId == beds.UnitId
            && (p.EndDate == null || p.EndDate > closesFrom), ct);
        var held = await db.Unscoped<BedHold>().CountAsync(h => h.UnitId == beds.UnitId && h.Night >= closesFrom
            && h.ReleasedAt == null && h.ExpiresAt > now, ct);
        beds.CloseEarly(last, tonight, stays + held, c.Clock.GetCurrentInstant(), c.UserName);
        return beds;
    }
}
