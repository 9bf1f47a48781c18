using NodaTime;

namespace HousingCapacity.Domain;

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
