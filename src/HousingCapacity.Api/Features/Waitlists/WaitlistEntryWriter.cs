using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>
/// A person joins a waitlist once: a second active entry on the same list is a conflict. An entry begins Waiting: Offered and
/// Housed follow from offers (OfferNext, Accept), and an officer may only withdraw an entry or put it back (issue 23: an entry
/// created as Offered had no offer, never expired and blocked the person).
/// </summary>
public sealed class WaitlistEntryWriter(Microsoft.Extensions.Options.IOptions<WaitlistOptions> options) : IEntitySetWriter,
    ICreatesFrom<NewWaitlistEntry>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewWaitlistEntry>();
    public IReadOnlySet<string> Updatable { get; } = EntityValues.NamesOf<WaitlistEntryChange>();

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewWaitlistEntry>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewWaitlistEntry n, WriteContext c)
    {
        var (waitlistId, personId) = (n.WaitlistId, n.PersonId);
        await References.EnsureVisibleAsync<Waitlist>(db, waitlistId, "WaitlistId", c.Cancellation);
        await References.EnsureVisibleAsync<Person>(db, personId, "PersonId", c.Cancellation);
        if (await db.Unscoped<WaitlistEntry>().AnyAsync(e => e.WaitlistId == waitlistId && e.PersonId == personId
                && (e.Status == WaitlistEntryStatus.Waiting || e.Status == WaitlistEntryStatus.Offered), c.Cancellation))
            return Refusal.Conflict("AlreadyOnWaitlist", "Personen står allerede på ventelisten.",
                "The person is already on the waitlist.", "PersonId");
        var appliedOn = n.AppliedOn?.ToLocalDate() ?? DanishTime.Today(c.Clock);
        var waitlist = (await db.FindUnscopedAsync<Waitlist>(waitlistId, c.Cancellation))!;
        var person = (await db.FindUnscopedAsync<Person>(personId, c.Cancellation))!;
        person.EnsureNotMerged("PersonId");
        var (min, max) = (options.Value.YouthHousingMinAge, options.Value.YouthHousingMaxAge);
        // Eligibility is checked when a person joins, and again at offer time (OfferNext).
        if (waitlist.Kind == WaitlistKind.YouthHousing && person.Age(appliedOn) is var age && (age.Years < min || age.Years > max))
            return Refusal.Rule("AgeRestricted",
                $"Ventelisten til ungeboliger er for {min}–{max}-årige; personen er {age.Years} år{age.NoteDa}.",
                $"The youth housing waitlist is for people aged {min}–{max}; the person is {age.Years}{age.NoteEn}.", "PersonId");
        return (new WaitlistEntry(waitlistId, personId, appliedOn, n.Priority ?? Priority.Normal, WaitlistEntryStatus.Waiting,
            priorityReason: n.PriorityReason), true);
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var w = (WaitlistEntry)e;
        var change = v.As<WaitlistEntryChange>(w);
        w.Update(change.AppliedOn.ToLocalDate(), change.Priority, change.Status, DanishTime.Today(c.Clock), change.PriorityReason);
        return Task.FromResult<Refusal?>(null);
    }
}
