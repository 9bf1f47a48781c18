using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>A municipality's waitlist for youth housing, skæve boliger or Housing First homes.</summary>
public sealed class Waitlist : Entity
{
    private Waitlist() { Name = ""; }

    public Waitlist(int municipalityId, string name, WaitlistKind kind)
    {
        Name = "";
        MunicipalityId = municipalityId;
        Update(name, kind);
    }

    public int MunicipalityId { get; private set; }
    public string Name { get; private set; }
    public WaitlistKind Kind { get; private set; }

    public Municipality? Municipality { get; private set; }
    public List<WaitlistEntry> Entries { get; private set; } = [];

    public void Update(string name, WaitlistKind kind)
    {
        Name = DomainRuleException.RequireText(name, nameof(Name), 200, "Navnet");
        Kind = kind;
    }
}

/// <summary>A person's place on a waitlist. Order: Urgent before Normal, then earliest AppliedOn, then Id.</summary>
public sealed class WaitlistEntry : Entity, IConcernsPerson
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

    int? IConcernsPerson.ConcernedPersonId => PersonId;

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
        DomainRuleException.ThrowIf(Id != 0 && status != Status && (offerStates.Contains(status) || offerStates.Contains(Status)), "StatusFollowsOffers",
            "Status Offered og Housed følger af tilbud (OfferNext, Accept) og kan ikke sættes direkte.",
            "The statuses Offered and Housed follow from offers (OfferNext, Accept) and cannot be set directly.", nameof(Status));
        AppliedOn = appliedOn.ToDateOnly();
        Priority = priority;
        Status = status;
    }
}

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

/// <summary>Someone a facility could not take on a night: unmet demand for the monthly report.</summary>
public sealed class Turnaway : Entity, IConcernsPerson
{
    private Turnaway() { }

    public Turnaway(int facilityId, LocalDate date, TurnawayReason reason, int? personId)
    {
        FacilityId = facilityId;
        Date = date.ToDateOnly();
        Reason = reason;
        PersonId = personId;
    }

    public int FacilityId { get; private set; }
    public DateOnly Date { get; private set; }
    public TurnawayReason Reason { get; private set; }
    /// <summary>Optional: people may be turned away anonymously.</summary>
    public int? PersonId { get; private set; }

    int? IConcernsPerson.ConcernedPersonId => PersonId;

    public Facility? Facility { get; private set; }
}
