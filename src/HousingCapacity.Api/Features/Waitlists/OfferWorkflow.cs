namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>
/// Waitlist order and offers. Order: Urgent before Normal, then earliest AppliedOn, then Id. Eligibility (the
/// facility's age band and gender) is checked again at offer time: someone who aged out while waiting is flagged and
/// passed over, not offered. A unit never has two pending offers (checked here, and by a unique index).
/// </summary>
public static class OfferWorkflow
{
    public static FacilityKind FacilityKindOf(WaitlistKind kind) => kind switch
    {
        WaitlistKind.YouthHousing => FacilityKind.YouthHousing,
        WaitlistKind.SkaevBolig => FacilityKind.SkaevBolig,
        _ => FacilityKind.HousingFirst,
    };

    public static IOrderedEnumerable<WaitlistEntry> InOrder(IEnumerable<WaitlistEntry> entries) =>
        entries.OrderByDescending(e => e.Priority == Priority.Urgent).ThenBy(e => e.AppliedOn).ThenBy(e => e.Id);

    /// <summary>
    /// Pending offers past RespondBy expire; their entries go back to Waiting with their place kept. Those the caller can see:
    /// an officer's request expires their municipality's, the background job everybody's.
    /// </summary>
    public static async Task<int> ExpireDueAsync(HousingDbContext db, LocalDate today, CancellationToken ct)
    {
        var date = today.ToDateOnly();
        var due = await db.Offers.Where(o => o.Status == OfferStatus.Pending && o.RespondBy < date).ToListAsync(ct);
        foreach (var offer in due)
        {
            offer.Expire();
            var entry = await db.FindUnscopedAsync<WaitlistEntry>(offer.WaitlistEntryId, ct);
            if (entry?.Status == WaitlistEntryStatus.Offered) entry.ReturnToWaiting();
        }
        return due.Count;
    }
}
