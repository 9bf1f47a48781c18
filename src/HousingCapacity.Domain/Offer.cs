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

    public WaitlistEntry? Entry { get; private set; }
    public Unit? Unit { get; private set; }

    public void Accept() => Answer(OfferStatus.Accepted, null);

    public void Decline(string reason) =>
        Answer(OfferStatus.Declined, DomainRuleException.RequireText(reason, nameof(DeclineReason), 500, "Begrundelsen"));

    public void Expire() => Answer(OfferStatus.Expired, null);

    private void Answer(OfferStatus status, string? reason)
    {
        DomainRuleException.ThrowIf(Status != OfferStatus.Pending, "OfferNotPending",
            "Tilbuddet er allerede besvaret eller udløbet.", "The offer has already been answered or has expired.", nameof(Status));
        Status = status;
        DeclineReason = reason;
    }
}
