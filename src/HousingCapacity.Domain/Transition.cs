using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A known date on which a person loses the roof over their head: a release from prison, a discharge from psychiatry or hospital, the
/// end of treatment or of a § 107/§ 108 stay, an eviction. The municipalities' own policies name discharge "til gaden" as the failure
/// to prevent (Rødovre 2015, Hvidovre, Slagelse); the date is usually known weeks ahead, so the transition is open on the officers'
/// worklist until a place is secured for that night (a stay, a bed held, or a waitlist offer), the person declines help, or the date
/// passes without a place (lapsed, and counted).
/// </summary>
public sealed class Transition : Entity
{
    private Transition() { }

    public Transition(int personId, int municipalityId, TransitionKind kind, LocalDate losesRoofOn, string comingFrom, string toldBy,
        LocalDate toldOn, string? responsibleOfficer, string? note, LocalDate today, string recordedBy)
    {
        PersonId = personId;
        MunicipalityId = municipalityId;
        Set(kind, losesRoofOn, comingFrom, toldBy, toldOn, responsibleOfficer, note, today);
        Status = TransitionStatus.Open;
        RecordedBy = recordedBy;
    }

    public int PersonId { get; private set; }
    /// <summary>The municipality responsible for the person (their officers work the transition).</summary>
    public int MunicipalityId { get; private set; }
    public TransitionKind Kind { get; private set; }
    /// <summary>The first night the person has no roof of their own: the release day, the discharge day, the day of eviction.</summary>
    public DateOnly LosesRoofOn { get; private set; }
    /// <summary>Where the person comes from (e.g. "Vestre Fængsel", "Psykiatrisk Center Glostrup").</summary>
    public string ComingFrom { get; private set; } = "";
    /// <summary>Who told the municipality (e.g. "Kriminalforsorgen, sagsbehandler", "udskrivningskoordinator").</summary>
    public string ToldBy { get; private set; } = "";
    public DateOnly ToldOn { get; private set; }
    /// <summary>The officer who has the case, by name; null while nobody has taken it.</summary>
    public string? ResponsibleOfficer { get; private set; }
    public string? Note { get; private set; }
    public TransitionStatus Status { get; private set; }
    /// <summary>What secured the place (one of them), as it was when it did.</summary>
    public int? SecuredByPlacementId { get; private set; }
    public int? SecuredByBedHoldId { get; private set; }
    public int? SecuredByOfferId { get; private set; }
    /// <summary>The day the transition left the worklist: secured, declined, or lapsed (the day after its date).</summary>
    public DateOnly? ClosedOn { get; private set; }
    /// <summary>Why the person declined a place, as they said it.</summary>
    public string? DeclineReason { get; private set; }
    public string RecordedBy { get; private set; } = "";

    /// <summary>Days from the day the municipality was told to the day the roof is lost: the notice it had.</summary>
    public int DaysOfNotice => LosesRoofOn.DayNumber - ToldOn.DayNumber;

    /// <summary>A place secured before the night it was needed (on the day itself counts: the bed is for that night).</summary>
    public bool SecuredInTime => Status == TransitionStatus.PlaceSecured && ClosedOn <= LosesRoofOn;

    /// <summary>A correction of what was told, while the transition is open.</summary>
    public void Update(TransitionKind kind, LocalDate losesRoofOn, string comingFrom, string toldBy, LocalDate toldOn,
        string? responsibleOfficer, string? note, LocalDate today)
    {
        EnsureOpen();
        Set(kind, losesRoofOn, comingFrom, toldBy, toldOn, responsibleOfficer, note, today);
    }

    /// <summary>A place is secured for the night: by a stay, a bed held, or a waitlist offer (exactly one).</summary>
    public void Secure(int? placementId, int? bedHoldId, int? offerId, LocalDate today)
    {
        EnsureOpen();
        DomainRuleException.ThrowIf(new[] { placementId, bedHoldId, offerId }.Count(id => id is not null) != 1, "OneSecurity",
            "Angiv præcis én ting, der sikrer pladsen: et ophold, en reserveret seng eller et tilbud fra en venteliste.",
            "Give exactly one thing that secures the place: a stay, a bed held, or a waitlist offer.", "PlacementId");
        (SecuredByPlacementId, SecuredByBedHoldId, SecuredByOfferId) = (placementId, bedHoldId, offerId);
        Status = TransitionStatus.PlaceSecured;
        ClosedOn = today.ToDateOnly();
    }

    /// <summary>The person declined the help offered (their choice, recorded with what they said).</summary>
    public void Decline(string reason, LocalDate today)
    {
        EnsureOpen();
        DeclineReason = DomainRuleException.RequireText(reason, "reason", 500, "Begrundelsen");
        Status = TransitionStatus.DeclinedByPerson;
        ClosedOn = today.ToDateOnly();
    }

    /// <summary>The date passed without a place: the person went to the street or somewhere unknown. Dated the day after.</summary>
    public bool LapseIfDue(LocalDate today)
    {
        if (Status != TransitionStatus.Open || LosesRoofOn.ToLocalDate() >= today) return false;
        Status = TransitionStatus.Lapsed;
        ClosedOn = LosesRoofOn.AddDays(1);
        return true;
    }

    private void EnsureOpen() => DomainRuleException.ThrowIf(Status != TransitionStatus.Open, "TransitionClosed",
        "Overgangen er ikke længere åben.", "The transition is no longer open.", nameof(Status));

    private void Set(TransitionKind kind, LocalDate losesRoofOn, string comingFrom, string toldBy, LocalDate toldOn,
        string? responsibleOfficer, string? note, LocalDate today)
    {
        DomainRuleException.ThrowIf(!Enum.IsDefined(kind), "InvalidKind", "Ukendt slags overgang.", "Unknown kind of transition.",
            nameof(Kind));
        DomainRuleException.ThrowIf(toldOn > today, "ToldInFuture", "Dagen, kommunen fik besked, kan ikke ligge efter i dag.",
            "The day the municipality was told cannot be after today.", nameof(ToldOn));
        DomainRuleException.ThrowIf(losesRoofOn < toldOn, "DateBeforeNotice",
            "Datoen, personen mister sit tag over hovedet, kan ikke ligge før den dag, kommunen fik besked.",
            "The day the person loses their roof cannot be before the day the municipality was told.", nameof(LosesRoofOn));
        Kind = kind;
        LosesRoofOn = losesRoofOn.ToDateOnly();
        ComingFrom = DomainRuleException.RequireText(comingFrom, nameof(ComingFrom), 200, "Hvor personen kommer fra");
        ToldBy = DomainRuleException.RequireText(toldBy, nameof(ToldBy), 200, "Hvem der gav besked");
        ToldOn = toldOn.ToDateOnly();
        ResponsibleOfficer = string.IsNullOrWhiteSpace(responsibleOfficer) ? null : responsibleOfficer.Trim();
        DomainRuleException.ThrowIf(ResponsibleOfficer?.Length > 200 || note?.Trim().Length > 1000, "TooLong",
            "Sagsbehandleren må højst fylde 200 tegn og noten 1000.", "The officer is at most 200 characters and the note 1000.",
            nameof(Note));
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}
