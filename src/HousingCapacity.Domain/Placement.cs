using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A stay or tenancy: a person in a unit from StartDate (the first night) to EndDate (exclusive: the last
/// night is EndDate − 1), EndDate null while ongoing. Created and ended through the allocation workflow.
/// </summary>
public sealed class Placement : Entity
{
    private Placement() { }

    public Placement(int personId, int unitId, int facilityId, DateRange stay, SupportMethod supportMethod,
        string? exceptionJustification, ReferralRoute? referralRoute, LocalDate? notificationDueDate)
    {
        PersonId = personId;
        UnitId = unitId;
        FacilityId = facilityId;
        StartDate = stay.Start;
        EndDate = stay.End;
        SupportMethod = supportMethod;
        ExceptionJustification = string.IsNullOrWhiteSpace(exceptionJustification) ? null : exceptionJustification.Trim();
        ReferralRoute = referralRoute;
        NotificationDueDate = notificationDueDate;
    }

    public int PersonId { get; private set; }
    public int UnitId { get; private set; }
    public int FacilityId { get; private set; }
    public LocalDate StartDate { get; private set; }
    public LocalDate? EndDate { get; private set; }
    public SupportMethod SupportMethod { get; private set; }
    /// <summary>The written justification for an exception to a placement rule (e.g. a young person in §110).</summary>
    public string? ExceptionJustification { get; private set; }
    public ReferralRoute? ReferralRoute { get; private set; }
    public DischargeReason? DischargeReason { get; private set; }
    public Destination? Destination { get; private set; }
    /// <summary>Serviceloven §110 stk. 6: notify the responsible municipality within 3 weekdays of admission.</summary>
    public LocalDate? NotificationDueDate { get; private set; }

    public Person? Person { get; private set; }
    public Unit? Unit { get; private set; }
    public Facility? Facility { get; private set; }

    public DateRange Stay => new(StartDate, EndDate);

    public void Discharge(LocalDate endDate, DischargeReason reason, Destination destination)
    {
        DomainRuleException.ThrowIf(EndDate is not null, "AlreadyDischarged",
            "Opholdet er allerede afsluttet.", "The stay has already ended.", nameof(EndDate));
        var ended = new DateRange(StartDate, endDate);
        EndDate = ended.End;
        DischargeReason = reason;
        Destination = destination;
    }
}
