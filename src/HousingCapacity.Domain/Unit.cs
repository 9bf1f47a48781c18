using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>A room, a bed or a home within a facility. A room with several beds has Beds &gt; 1.</summary>
public sealed class Unit : Entity
{
    private Unit() { Label = ""; }

    public Unit(int facilityId, string label, int beds, UnitStatus status, LocalDate? outOfServiceSince = null)
    {
        Label = "";
        FacilityId = facilityId;
        SetLabelAndBeds(label, beds);
        Status = status;
        OutOfServiceSince = status == UnitStatus.OutOfService ? outOfServiceSince.ToDateOnly() : null;
    }

    public int FacilityId { get; private set; }
    public string Label { get; private set; }
    public int Beds { get; private set; }
    public UnitStatus Status { get; private set; }
    /// <summary>The first night the unit was out of service; null while in service (or when not known).</summary>
    public DateOnly? OutOfServiceSince { get; private set; }

    public Facility? Facility { get; private set; }
    public List<Placement> Placements { get; private set; } = [];

    /// <summary>True when the unit's beds could be used the night of <paramref name="night"/>, as far as is known.</summary>
    public bool InServiceOn(LocalDate night) => Status == UnitStatus.InService || OutOfServiceSince is { } since
        && night < since.ToLocalDate();

    /// <param name="today">The day of the change: a unit taken out of service is out from tonight.</param>
    public void Update(string label, int beds, UnitStatus status, LocalDate today)
    {
        SetLabelAndBeds(label, beds);
        if (status != Status) OutOfServiceSince = status == UnitStatus.OutOfService ? today.ToDateOnly() : null;
        Status = status;
    }

    private void SetLabelAndBeds(string label, int beds)
    {
        Label = DomainRuleException.RequireText(label, nameof(Label), 100, "Betegnelsen");
        DomainRuleException.ThrowIf(beds is < 1 or > 500, "InvalidBeds",
            "En enhed skal have mindst 1 og højst 500 senge.", "A unit must have at least 1 and at most 500 beds.", nameof(Beds));
        Beds = beds;
    }
}
