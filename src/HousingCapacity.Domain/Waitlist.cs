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
