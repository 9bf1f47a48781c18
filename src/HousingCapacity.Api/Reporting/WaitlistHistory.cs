namespace HousingCapacity.Api.Reporting;

/// <summary>
/// A waitlist as it stood on a past day, from the days its entries and offers record (schema version 15), so that a closed month's
/// report is counted as the month ended and does not change when an offer is answered later.
/// </summary>
public static class WaitlistHistory
{
    public sealed record AnswerDays(DateOnly OfferedOn, DateOnly? AnsweredOn, OfferStatus Status);

    public sealed record EntryDays(DateOnly AppliedOn, WaitlistEntryStatus Status, DateOnly? ClosedOn, IReadOnlyList<AnswerDays> Offers);

    public sealed record WaitlistDays(string Name, WaitlistKind Kind, IReadOnlyList<EntryDays> Entries);

    /// <summary>
    /// Waiting (or holding an offer) at the end of <paramref name="day"/>: applied by then and not yet housed or withdrawn. An entry
    /// closed on a day not recorded (before schema version 15) is left out, as it was before.
    /// </summary>
    public static bool WaitingAtEndOf(EntryDays entry, LocalDate day) =>
        entry.AppliedOn.ToLocalDate() <= day && (entry.ClosedOn is { } closed
            ? closed.ToLocalDate() > day
            : entry.Status is WaitlistEntryStatus.Waiting or WaitlistEntryStatus.Offered);

    /// <summary>Answered (accepted, declined or expired) within the days; an answer whose day is not recorded counts on the day of
    /// the offer, as before schema version 15.</summary>
    public static bool AnsweredWithin(AnswerDays offer, LocalDate first, LocalDate last) =>
        offer.Status != OfferStatus.Pending && (offer.AnsweredOn ?? offer.OfferedOn).ToLocalDate() is var day && day >= first
        && day <= last;
}
