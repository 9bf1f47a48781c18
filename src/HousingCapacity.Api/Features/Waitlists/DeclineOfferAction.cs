using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary><c>Offers({id})/HousingCapacity.Decline</c> with a reason: the entry returns to Waiting with its place kept.</summary>
public static class DeclineOfferAction
{

    public static async Task<Offer> InvokeAsync(HousingDbContext db, Offer offer, string reason, WriteContext c)
    {
        offer.Decline(reason, DanishTime.Today(c.Clock));
        var entry = (await db.FindUnscopedAsync<WaitlistEntry>(offer.WaitlistEntryId, c.Cancellation))!;
        entry.ReturnToWaiting();
        return offer;
    }
}
