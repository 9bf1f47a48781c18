using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>A person's place on a waitlist. Order: Urgent before Normal, then earliest AppliedOn, then Id.</summary>
public sealed class WaitlistEntry : Entity
{
    private WaitlistEntry() { }

    public WaitlistEntry(int waitlistId, int personId, LocalDate appliedOn, Priority priority, WaitlistEntryStatus status)
    {
        WaitlistId = waitlistId;
        PersonId = personId;
        Update(appliedOn, priority, status);
    }

    public int WaitlistId { get; private set; }
    public int PersonId { get; private set; }
    public DateOnly AppliedOn { get; private set; }
    public Priority Priority { get; private set; }
    public WaitlistEntryStatus Status { get; private set; }
    /// <summary>Why the entry was passed over at offer time (e.g. aged out of the age band while waiting); null when not.</summary>
    public string? FlaggedReason { get; private set; }


    public Waitlist? Waitlist { get; private set; }
    public Person? Person { get; private set; }
    public List<Offer> Offers { get; private set; } = [];

    public void Flag(string reason) => FlaggedReason = reason;

    public void MarkOffered() => MoveFrom(WaitlistEntryStatus.Waiting, WaitlistEntryStatus.Offered);
    public void MarkHoused() => MoveFrom(WaitlistEntryStatus.Offered, WaitlistEntryStatus.Housed);
    /// <summary>A declined or expired offer returns the entry to Waiting with its place in the queue kept.</summary>
    public void ReturnToWaiting() => MoveFrom(WaitlistEntryStatus.Offered, WaitlistEntryStatus.Waiting);

    private void MoveFrom(WaitlistEntryStatus from, WaitlistEntryStatus to)
    {
        DomainRuleException.ThrowIf(Status != from, "InvalidEntryStatus",
            $"Ventelisteplaceringen har status {Status}, ikke {from}.", $"The waitlist entry is {Status}, not {from}.", nameof(Status));
        Status = to;
    }

    public void Update(LocalDate appliedOn, Priority priority, WaitlistEntryStatus status)
    {
        // Offered and Housed follow from offers (OfferNext, Accept); by hand an entry only moves between Waiting and Withdrawn.
        var offerStates = new[] { WaitlistEntryStatus.Offered, WaitlistEntryStatus.Housed };
        DomainRuleException.ThrowIf(Id != 0 && status != Status && (offerStates.Contains(status) || offerStates.Contains(Status)),
            "StatusFollowsOffers",
            "Status Offered og Housed følger af tilbud (OfferNext, Accept) og kan ikke sættes direkte.",
            "The statuses Offered and Housed follow from offers (OfferNext, Accept) and cannot be set directly.", nameof(Status));
        AppliedOn = appliedOn.ToDateOnly();
        Priority = priority;
        Status = status;
    }
}
