namespace HousingCapacity.Domain;

/// <summary>A room, a bed or a home within a facility. A room with several beds has Beds &gt; 1.</summary>
public sealed class Unit : Entity
{
    private Unit() { Label = ""; }

    public Unit(int facilityId, string label, int beds, UnitStatus status)
    {
        Label = "";
        FacilityId = facilityId;
        Update(label, beds, status);
    }

    public int FacilityId { get; private set; }
    public string Label { get; private set; }
    public int Beds { get; private set; }
    public UnitStatus Status { get; private set; }

    public Facility? Facility { get; private set; }
    public List<Placement> Placements { get; private set; } = [];

    public void Update(string label, int beds, UnitStatus status)
    {
        Label = DomainRuleException.RequireText(label, nameof(Label), 100, "Betegnelsen");
        DomainRuleException.ThrowIf(beds is < 1 or > 500, "InvalidBeds",
            "En enhed skal have mindst 1 og højst 500 senge.", "A unit must have at least 1 and at most 500 beds.", nameof(Beds));
        Beds = beds;
        Status = status;
    }
}
