using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary><c>Offers({id})/HousingCapacity.Accept</c>: the placement is made through the same rules; the entry becomes Housed.</summary>
public sealed class AcceptOfferAction(PlacementAllocation allocation)
{

    public async Task<Outcome<Placement>> InvokeAsync(HousingDbContext db, Offer offer, SupportMethod? supportMethod, LocalDate? startDate,
        WriteContext c)
    {
        var today = DanishTime.Today(c.Clock);
        await OfferWorkflow.ExpireDueAsync(db, today, c.Cancellation);
        if (offer.Status == OfferStatus.Expired)
            return Refusal.Conflict("OfferExpired", "Svarfristen er overskredet; tilbuddet er udløbet.",
                "The offer has expired: the response deadline has passed.");
        var entry = (await db.FindUnscopedAsync<WaitlistEntry>(offer.WaitlistEntryId, c.Cancellation))!;
        // The offer is the caller's to answer, so its person is the one it was made to, seen or not.
        var person = (await db.FindUnscopedAsync<Person>(entry.PersonId, c.Cancellation))!;
        var allocated = await allocation.AllocateAsync(db, new AllocationRequest(entry.PersonId, offer.UnitId, null,
            startDate ?? today, null, supportMethod ?? SupportMethod.None, null, ReferralRoute.Municipality), c, person);
        if (allocated.Refusal is { } refusal) return refusal;
        var placement = allocated.Value;
        offer.Accept(today);
        entry.MarkHoused(today);
        db.Placements.Add(placement);
        return placement;
    }
}
