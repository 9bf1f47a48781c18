using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Capacity;

/// <summary>
/// Shelter staff report tonight's capacity. A report is upserted per facility and date: POST for a date that
/// already has one changes it (200) instead of creating a second (201). Beds out of service default to the
/// facility's units out of service, and beds in service to the rest.
/// </summary>
public sealed class CapacityReportWriter(Microsoft.Extensions.Options.IOptions<PlacementPolicy> policy) : IEntitySetWriter,
    ICreatesFrom<NewCapacityReport>
{
    // ReportedBy and ReportedAt are audit fields: the user in the token and the time of the request, never the client's word.
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewCapacityReport>();
    public IReadOnlySet<string> Updatable { get; } = EntityValues.NamesOf<CapacityReportChange>();

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewCapacityReport>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewCapacityReport n, WriteContext c)
    {
        var facilityId = n.FacilityId;
        await References.EnsureVisibleAsync<Facility>(db, facilityId, "FacilityId", c.Cancellation);
        // Tonight's count: before the morning hour it is still the night that began the evening before.
        var date = n.Date?.ToLocalDate() ?? DanishTime.Night(c.Clock, policy.Value.NightEndsAtHour);
        if (FutureRefusal(date, c.Clock) is { } future) return future;
        var (beds, outOfService) = await BedsAsync(db, facilityId, date.ToDateOnly(), c.Cancellation);
        var reportedOut = n.BedsOutOfService ?? outOfService;
        var inService = n.BedsInService ?? beds - reportedOut;
        var occupied = n.BedsOccupied;
        var reportedBy = c.UserName;

        var existing = await db.Unscoped<CapacityReport>().SingleOrDefaultAsync(r => r.FacilityId == facilityId
            && r.Date == date.ToDateOnly(), c.Cancellation);
        if (existing is not null)
        {
            existing.Update(inService, occupied, reportedOut, beds, c.Clock.GetCurrentInstant(), reportedBy);
            return (existing, false);
        }
        return (new CapacityReport(facilityId, date, inService, occupied, reportedOut, beds, c.Clock.GetCurrentInstant(), reportedBy),
            true);
    }

    public async Task<Refusal?> UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var r = (CapacityReport)e;
        var (beds, _) = await BedsAsync(db, r.FacilityId, r.Date, c.Cancellation);
        var change = v.As<CapacityReportChange>(r);
        r.Update(change.BedsInService, change.BedsOccupied, change.BedsOutOfService, beds, c.Clock.GetCurrentInstant(), c.UserName);
        return null;
    }

    /// <summary>The place's beds on the night (its regular units, and extra beds open that night), and those out of service.</summary>
    private static async Task<(int Beds, int OutOfService)> BedsAsync(HousingDbContext db, int facilityId, DateOnly night,
        CancellationToken ct)
    {
        var units = await db.Unscoped<Unit>().Where(u => u.FacilityId == facilityId).Where(Unit.ExistsOn(night))
            .Select(u => new { u.Beds, u.Status }).ToListAsync(ct);
        return (units.Sum(u => u.Beds), units.Where(u => u.Status == UnitStatus.OutOfService).Sum(u => u.Beds));
    }

    private static Refusal? FutureRefusal(LocalDate date, IClock clock)
    {
        var today = DanishTime.Today(clock);
        return date <= today ? null : Refusal.Rule("DateInFuture",
                $"Der kan ikke indberettes for en fremtidig dato (i dag er det {Shared.Words.Date(today)}).",
                $"Capacity cannot be reported for a future date (today is {today:yyyy-MM-dd}).", "Date");
    }
}
