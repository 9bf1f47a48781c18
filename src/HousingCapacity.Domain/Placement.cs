using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A stay or tenancy: a person in a unit from StartDate (the first night) to EndDate (exclusive: the last
/// night is EndDate − 1), EndDate null while ongoing. Created and ended through the allocation workflow.
/// </summary>
public sealed class Placement : Entity, IConcernsPerson
{
    private Placement() { }

    public Placement(int personId, int unitId, int facilityId, DateRange stay, SupportMethod supportMethod,
        string? exceptionJustification, ReferralRoute? referralRoute, LocalDate? notificationDueDate, LocalDate? supportUntil = null)
    {
        SupportUntil = supportUntil.ToDateOnly();
        PersonId = personId;
        UnitId = unitId;
        FacilityId = facilityId;
        StartDate = stay.Start.ToDateOnly();
        EndDate = stay.End.ToDateOnly();
        SupportMethod = supportMethod;
        ExceptionJustification = string.IsNullOrWhiteSpace(exceptionJustification) ? null : exceptionJustification.Trim();
        ReferralRoute = referralRoute;
        NotificationDueDate = notificationDueDate.ToDateOnly();
    }

    public int PersonId { get; private set; }
    public int UnitId { get; private set; }
    public int FacilityId { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public SupportMethod SupportMethod { get; private set; }
    /// <summary>The written justification for an exception to a placement rule (e.g. a young person in §110).</summary>
    public string? ExceptionJustification { get; private set; }
    public ReferralRoute? ReferralRoute { get; private set; }
    public DischargeReason? DischargeReason { get; private set; }
    public Destination? Destination { get; private set; }
    /// <summary>Serviceloven §110 stk. 6: notify the responsible municipality within 3 weekdays of admission.</summary>
    public DateOnly? NotificationDueDate { get; private set; }

    /// <summary>When time-limited support ends: CTI runs 9 months from the start unless renewed. Null for open-ended support.</summary>
    public DateOnly? SupportUntil { get; private set; }
    /// <summary>When the responsible municipality was notified (Serviceloven §110 stk. 6).</summary>
    public DateOnly? NotifiedOn { get; private set; }

    int? IConcernsPerson.ConcernedPersonId => PersonId;

    public Person? Person { get; private set; }
    public Unit? Unit { get; private set; }
    public Facility? Facility { get; private set; }

    public DateRange Stay => new(StartDate.ToLocalDate(), EndDate.ToLocalDate());

    public void MarkNotified(LocalDate on)
    {
        DomainRuleException.ThrowIf(NotificationDueDate is null, "NoNotificationDue",
            "Dette ophold kræver ingen underretning.", "This stay requires no notification.", nameof(NotifiedOn));
        DomainRuleException.ThrowIf(on < StartDate.ToLocalDate(), "NotifiedBeforeAdmission",
            "Underretningen kan ikke ligge før indskrivningen.", "The notification cannot be before the admission.", nameof(NotifiedOn));
        NotifiedOn = on.ToDateOnly();
    }

    /// <summary>Renews time-limited support (CTI) until the given date.</summary>
    public void RenewSupport(LocalDate until)
    {
        DomainRuleException.ThrowIf(SupportMethod == SupportMethod.None, "NoSupport",
            "Opholdet har ingen bostøtte at forlænge.", "The placement has no support to renew.", nameof(SupportUntil));
        DomainRuleException.ThrowIf(until <= StartDate.ToLocalDate(), "EndNotAfterStart",
            "Bostøtten skal slutte efter startdatoen.", "Support must end after the start date.", nameof(SupportUntil));
        SupportUntil = until.ToDateOnly();
    }

    public void Discharge(LocalDate endDate, DischargeReason reason, Destination destination)
    {
        DomainRuleException.ThrowIf(EndDate is not null, "AlreadyDischarged",
            "Opholdet er allerede afsluttet.", "The stay has already ended.", nameof(EndDate));
        var ended = new DateRange(StartDate.ToLocalDate(), endDate);
        EndDate = ended.End.ToDateOnly();
        DischargeReason = reason;
        Destination = destination;
    }
}
