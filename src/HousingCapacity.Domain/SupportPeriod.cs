using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// One period of bostøtte on a Housing First placement (Serviceloven §85 a): the method and its dates. The first period
/// begins with the placement; an extension of CTI or a move to ICM or ACT adds a period with its reason.
/// </summary>
public sealed class SupportPeriod : Entity
{
    private SupportPeriod() { RecordedBy = ""; }

    public SupportPeriod(Placement placement, SupportMethod method, LocalDate start, LocalDate? end, string? reason, string recordedBy)
    {
        Placement = placement;
        PlacementId = placement.Id;
        PersonId = placement.PersonId;
        Method = method;
        StartDate = start.ToDateOnly();
        EndDate = end.ToDateOnly();
        Reason = reason is null ? null : DomainRuleException.RequireText(reason, "reason", 1000, "Begrundelsen");
        RecordedBy = recordedBy;
    }

    public int PlacementId { get; private set; }
    public int PersonId { get; private set; }
    public SupportMethod Method { get; private set; }
    public DateOnly StartDate { get; private set; }
    /// <summary>The planned end (CTI); null for open-ended support (ICM, ACT).</summary>
    public DateOnly? EndDate { get; private set; }
    /// <summary>Why the support was extended or changed; null for the first period.</summary>
    public string? Reason { get; private set; }
    public string RecordedBy { get; private set; }

    public Placement? Placement { get; private set; }

}
