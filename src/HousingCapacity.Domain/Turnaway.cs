using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>Someone a facility could not take on a night: unmet demand for the monthly report.</summary>
public sealed class Turnaway : Entity
{
    private Turnaway() { }

    public Turnaway(int facilityId, LocalDate date, TurnawayReason reason, int? personId, string? explanation = null,
        string? decidedBy = null)
    {
        Explanation = explanation is null ? null : DomainRuleException.RequireText(explanation, nameof(Explanation), 1000, "Begrundelsen");
        DecidedBy = decidedBy;
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
    /// <summary>The grounds in the place's words: at a §110 place a turnaway is its decision to refuse admission (afslag).</summary>
    public string? Explanation { get; private set; }
    /// <summary>Who recorded the decision (the token's user).</summary>
    public string? DecidedBy { get; private set; }


    public Facility? Facility { get; private set; }
}
