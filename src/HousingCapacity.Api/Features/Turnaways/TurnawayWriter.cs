using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Turnaways;

/// <summary>
/// Shelter staff record someone they could not take (full, ineligible, ...): unmet demand for the monthly report.
/// The person is optional: people may be turned away anonymously. A turnaway is a record of a night; it is not edited.
/// </summary>
public sealed class TurnawayWriter(Microsoft.Extensions.Options.IOptions<PlacementPolicy> policy) : IEntitySetWriter,
    ICreatesFrom<NewTurnaway>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewTurnaway>();
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string>();
    public bool AllowsUpdate => false;

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewTurnaway>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewTurnaway t, WriteContext c)
    {
        await References.EnsureVisibleAsync<Facility>(db, t.FacilityId, "FacilityId", c.Cancellation);
        if (t.PersonId is { } personId) await References.EnsureVisibleAsync<Person>(db, personId, "PersonId", c.Cancellation);
        // The night it is now, as shelters count them: before the morning hour, the night that began the evening before.
        var date = t.Date?.ToLocalDate() ?? DanishTime.Night(c.Clock, policy.Value.NightEndsAtHour);
        if (date > DanishTime.Today(c.Clock))
            return Refusal.Rule("DateInFuture", "En afvisning kan ikke registreres for en fremtidig dato.",
                "A turnaway cannot be recorded for a future date.", "Date");
        return (new Turnaway(t.FacilityId, date, t.Reason, t.PersonId, t.Explanation, c.UserName), true);
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context) =>
        throw new InvalidOperationException("Turnaways are not edited.");
}
