using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Turnaways;

/// <summary>
/// Shelter staff record someone they could not take (full, ineligible, ...): unmet demand for the monthly report.
/// The person is optional: people may be turned away anonymously. A turnaway is a record of a night; it is not edited.
/// </summary>
public sealed class TurnawayWriter(Microsoft.Extensions.Options.IOptions<PlacementPolicy> policy) : IEntitySetWriter
{
    public IReadOnlySet<string> Insertable { get; } = new HashSet<string> { "FacilityId", "Date", "Reason", "PersonId", "Explanation" };
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string>();
    public bool AllowsUpdate => false;

    public async Task<(Entity, bool)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c)
    {
        var facilityId = v.Required<int>("FacilityId");
        await References.EnsureVisibleAsync<Facility>(db, facilityId, "FacilityId", c.Cancellation);
        var personId = v.Optional<int?>("PersonId", null);
        if (personId is not null) await References.EnsureVisibleAsync<Person>(db, personId.Value, "PersonId", c.Cancellation);
        // The night it is now, as shelters count them: before the morning hour, the night that began the evening before.
        var date = v.Optional("Date", DanishTime.Night(c.Clock, policy.Value.NightEndsAtHour));
        if (date > DanishTime.Today(c.Clock))
            throw new DomainRuleException("DateInFuture", "En afvisning kan ikke registreres for en fremtidig dato.",
                "A turnaway cannot be recorded for a future date.", "Date");
        return (new Turnaway(facilityId, date, v.Required<TurnawayReason>("Reason"), personId,
            v.Optional<string?>("Explanation", null), c.UserName), true);
    }

    public Task UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context) =>
        throw new InvalidOperationException("Turnaways are not edited.");
}
