using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>A person's place on a waitlist. Order: Urgent before Normal, then earliest AppliedOn, then Id.</summary>
public sealed class WaitlistEntry : Entity
{
    private WaitlistEntry() { }

    /// <param name="closedOn">For an entry recorded as housed or withdrawn already (history brought in): the day it left the list,
    /// if known.</param>
    /// <param name="priorityReason">Why an urgent entry goes first (kept only for an urgent entry).</param>
    public WaitlistEntry(int waitlistId, int personId, LocalDate appliedOn, Priority priority, WaitlistEntryStatus status,
        LocalDate? closedOn = null, string? priorityReason = null)
    {
        WaitlistId = waitlistId;
        PersonId = personId;
        DomainRuleException.ThrowIf(closedOn is not null && (!IsClosed(status) || closedOn < appliedOn), "InvalidClosedOn",
            "Datoen for at forlade ventelisten hører kun til en afsluttet plads og kan ikke ligge før ansøgningen.",
            "The day an entry left the list belongs only to a closed entry and cannot be before the application.", nameof(ClosedOn));
        AppliedOn = appliedOn.ToDateOnly();
        Priority = priority;
        PriorityReason = ReasonFor(priority, priorityReason);
        Status = status;
        ClosedOn = closedOn.ToDateOnly();
    }

    public int WaitlistId { get; private set; }
    public int PersonId { get; private set; }
    public DateOnly AppliedOn { get; private set; }
    public Priority Priority { get; private set; }
    /// <summary>Why the entry is urgent (e.g. "Udskrives fra psykiatrisk afdeling 14. december"), so that the officer who offers the
    /// next unit can see why this entry goes before those who applied earlier. Null for a normal entry.</summary>
    public string? PriorityReason { get; private set; }
    public WaitlistEntryStatus Status { get; private set; }
    /// <summary>Why the entry was passed over at offer time (e.g. aged out of the age band while waiting); null when not.</summary>
    public string? FlaggedReason { get; private set; }
    /// <summary>
    /// The day the entry left the list (housed: the day the offer was accepted; withdrawn: the day it was withdrawn), so that a
    /// closed month's report counts who was waiting at its end, not today. Null while waiting or offered, and for entries closed
    /// before schema version 15, whose day is not known.
    /// </summary>
    public DateOnly? ClosedOn { get; private set; }


    public Waitlist? Waitlist { get; private set; }
    public Person? Person { get; private set; }
    public List<Offer> Offers { get; private set; } = [];

    public void Flag(string reason) => FlaggedReason = reason;

    public void MarkOffered() => MoveFrom(WaitlistEntryStatus.Waiting, WaitlistEntryStatus.Offered);
    public void MarkHoused(LocalDate on)
    {
        MoveFrom(WaitlistEntryStatus.Offered, WaitlistEntryStatus.Housed);
        ClosedOn = on.ToDateOnly();
    }

    private static bool IsClosed(WaitlistEntryStatus status) => status is WaitlistEntryStatus.Housed or WaitlistEntryStatus.Withdrawn;
    /// <summary>A declined or expired offer returns the entry to Waiting with its place in the queue kept.</summary>
    public void ReturnToWaiting() => MoveFrom(WaitlistEntryStatus.Offered, WaitlistEntryStatus.Waiting);

    private void MoveFrom(WaitlistEntryStatus from, WaitlistEntryStatus to)
    {
        DomainRuleException.ThrowIf(Status != from, "InvalidEntryStatus",
            $"Ventelisteplaceringen har status {Status}, ikke {from}.", $"The waitlist entry is {Status}, not {from}.", nameof(Status));
        Status = to;
    }

    /// <param name="today">The day of the change: a withdrawal is dated by it, and a return to the list clears it.</param>
    /// <param name="priorityReason">Why an urgent entry goes first; null keeps the reason it has while it stays urgent.</param>
    public void Update(LocalDate appliedOn, Priority priority, WaitlistEntryStatus status, LocalDate today, string? priorityReason = null)
    {
        // Offered and Housed follow from offers (OfferNext, Accept); by hand an entry only moves between Waiting and Withdrawn.
        var offerStates = new[] { WaitlistEntryStatus.Offered, WaitlistEntryStatus.Housed };
        DomainRuleException.ThrowIf(Id != 0 && status != Status && (offerStates.Contains(status) || offerStates.Contains(Status)),
            "StatusFollowsOffers",
            "At være tilbudt en bolig eller have fået en følger af tilbud og svar og kan ikke sættes direkte.",
            "The statuses Offered and Housed follow from offers (OfferNext, Accept) and cannot be set directly.", nameof(Status));
        if (status != Status) ClosedOn = status == WaitlistEntryStatus.Withdrawn ? today.ToDateOnly() : null;
        AppliedOn = appliedOn.ToDateOnly();
        PriorityReason = ReasonFor(priority, priorityReason ?? PriorityReason);
        Priority = priority;
        Status = status;
    }

    private static string? ReasonFor(Priority priority, string? reason) =>
        priority == Priority.Urgent && !string.IsNullOrWhiteSpace(reason)
            ? DomainRuleException.RequireText(reason, nameof(PriorityReason), 500, "Begrundelsen for at haste") : null;
}
