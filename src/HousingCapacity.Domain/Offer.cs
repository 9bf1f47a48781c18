using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>An offer of a unit to the person on a waitlist entry, to be answered by RespondBy.</summary>
public sealed class Offer : Entity
{
    private Offer() { }

    public Offer(int waitlistEntryId, int unitId, LocalDate offeredOn, LocalDate respondBy)
    {
        DomainRuleException.ThrowIf(respondBy < offeredOn, "RespondByBeforeOffer",
            "Svarfristen kan ikke ligge før tilbudsdatoen.", "RespondBy cannot be before OfferedOn.", nameof(RespondBy));
        WaitlistEntryId = waitlistEntryId;
        UnitId = unitId;
        OfferedOn = offeredOn.ToDateOnly();
        RespondBy = respondBy.ToDateOnly();
        Status = OfferStatus.Pending;
    }

    public int WaitlistEntryId { get; private set; }
    public int UnitId { get; private set; }
    public DateOnly OfferedOn { get; private set; }
    public DateOnly RespondBy { get; private set; }
    public OfferStatus Status { get; private set; }
    public string? DeclineReason { get; private set; }
    /// <summary>
    /// The day the offer was accepted or declined, or the first day past <see cref="RespondBy"/> when it expired: a closed month's
    /// report counts the answers given in that month, not the offers' state today. Null while pending, and for offers answered
    /// before schema version 15, whose day is not known (the report then uses the day of the offer).
    /// </summary>
    public DateOnly? AnsweredOn { get; private set; }

    public WaitlistEntry? Entry { get; private set; }
    public Unit? Unit { get; private set; }

    public void Accept(LocalDate on) => Answer(OfferStatus.Accepted, null, on);

    public void Decline(string reason, LocalDate on) =>
        Answer(OfferStatus.Declined, DomainRuleException.RequireText(reason, nameof(DeclineReason), 500, "Begrundelsen"), on);

    /// <summary>Unanswered by the deadline: it expires on the first day after <see cref="RespondBy"/>, whenever that is noticed.
    /// </summary>
    public void Expire() => Answer(OfferStatus.Expired, null, RespondBy.ToLocalDate().PlusDays(1));

    private void Answer(OfferStatus status, string? reason, LocalDate on)
    {
        DomainRuleException.ThrowIf(Status != OfferStatus.Pending, "OfferNotPending",
            "Tilbuddet er allerede besvaret eller udløbet.", "The offer has already been answered or has expired.", nameof(Status));
        DomainRuleException.ThrowIf(on < OfferedOn.ToLocalDate(), "AnsweredBeforeOffer",
            "Et tilbud kan ikke besvares før den dag, det blev givet.", "An offer cannot be answered before the day it was made.",
            nameof(AnsweredOn));
        Status = status;
        DeclineReason = reason;
        AnsweredOn = on.ToDateOnly();
    }
}
