using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A free bed held for someone on the way (named or anonymous), as in Finding A Bed Tonight: nobody else can take it
/// until the hold is released, used, or expires by itself at ExpiresAt.
/// </summary>
public sealed class BedHold : Entity
{
    private BedHold() { HeldBy = ""; }

    public BedHold(int facilityId, int unitId, int? personId, LocalDate night, Instant heldAt, Duration length, string heldBy, string? note)
    {
        DomainRuleException.ThrowIf(length <= Duration.Zero, "InvalidHoldLength",
            "En reservation skal vare mindst et minut.", "A hold must last at least a minute.", "Minutes");
        FacilityId = facilityId;
        UnitId = unitId;
        PersonId = personId;
        Night = night.ToDateOnly();
        HeldAt = heldAt.ToUtc();
        ExpiresAt = (heldAt + length).ToUtc();
        HeldBy = DomainRuleException.RequireText(heldBy, nameof(HeldBy), 200, "Reserveret af");
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public int FacilityId { get; private set; }
    public int UnitId { get; private set; }
    /// <summary>Who the bed is held for; null when anonymous.</summary>
    public int? PersonId { get; private set; }
    /// <summary>The night the bed is held for.</summary>
    public DateOnly Night { get; private set; }
    public DateTimeOffset HeldAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    /// <summary>When the hold was released or used; null while it stands.</summary>
    public DateTimeOffset? ReleasedAt { get; private set; }
    public string HeldBy { get; private set; }
    public string? Note { get; private set; }


    public Facility? Facility { get; private set; }
    public Unit? Unit { get; private set; }

    public bool IsActiveAt(Instant now) => ReleasedAt is null && now < ExpiresAt.ToInstant();

    public void Release(Instant at)
    {
        DomainRuleException.ThrowIf(ReleasedAt is not null, "HoldReleased", "Reservationen er allerede ophævet.",
            "The hold has already been released.");
        ReleasedAt = at.ToUtc();
    }
}
