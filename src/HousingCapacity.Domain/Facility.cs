namespace HousingCapacity.Domain;

/// <summary>A place with beds or homes: a §110 shelter, emergency beds, skæve boliger, Housing First homes, ...</summary>
public sealed class Facility : Entity
{
    private Facility() { Name = ""; Address = ""; }

    public Facility(int municipalityId, string name, FacilityKind kind, string address,
        GenderRestriction genderRestriction, int? minAge, int? maxAge, bool isActive, LegalBasis? legalBasis = null)
    {
        Name = ""; Address = "";
        MunicipalityId = municipalityId;
        Update(name, kind, address, genderRestriction, minAge, maxAge, isActive,
            legalBasis ?? (Enum.IsDefined(kind) ? LegalBases.Default(kind) : null));
    }

    public int MunicipalityId { get; private set; }
    public string Name { get; private set; }
    public FacilityKind Kind { get; private set; }
    /// <summary>The law the place is run under; the §110 rules read this, not the kind (docs/domain.md).</summary>
    public LegalBasis LegalBasis { get; private set; }
    public string Address { get; private set; }
    public GenderRestriction GenderRestriction { get; private set; }
    /// <summary>Youngest age admitted, in whole years on the admission date; null for no lower bound.</summary>
    public int? MinAge { get; private set; }
    /// <summary>Oldest age admitted (inclusive); null for no upper bound.</summary>
    public int? MaxAge { get; private set; }
    public bool IsActive { get; private set; }

    public Municipality? Municipality { get; private set; }
    public List<Unit> Units { get; private set; } = [];
    public List<CapacityReport> CapacityReports { get; private set; } = [];
    public List<Placement> Placements { get; private set; } = [];

    /// <summary>Changes the facility; without a legal basis it keeps its own (a new facility takes its kind's usual one).</summary>
    public void Update(string name, FacilityKind kind, string address, GenderRestriction genderRestriction,
        int? minAge, int? maxAge, bool isActive, LegalBasis? legalBasis = null)
    {
        Name = DomainRuleException.RequireText(name, nameof(Name), 200, "Navnet");
        Address = DomainRuleException.RequireText(address, nameof(Address), 300, "Adressen");
        DomainRuleException.ThrowIf(!Enum.IsDefined(kind), "InvalidKind", "Ukendt type tilbud.", "Unknown facility kind.", nameof(Kind));
        DomainRuleException.ThrowIf(minAge is < 0 or > 130 || maxAge is < 0 or > 130, "InvalidAgeBand",
            "Aldersgrænser skal ligge mellem 0 og 130 år.", "Age limits must be between 0 and 130 years.", nameof(MinAge));
        DomainRuleException.ThrowIf(minAge is { } lo && maxAge is { } hi && lo > hi, "InvalidAgeBand",
            "Minimumsalderen må ikke være højere end maksimumsalderen.", "MinAge must not be greater than MaxAge.", nameof(MinAge));
        DomainRuleException.ThrowIf(legalBasis is { } b && !Enum.IsDefined(b), "InvalidLegalBasis", "Ukendt lovgrundlag.",
            "Unknown legal basis.", nameof(LegalBasis));
        LegalBasis = legalBasis ?? LegalBasis;
        Kind = kind;
        GenderRestriction = genderRestriction;
        MinAge = minAge;
        MaxAge = maxAge;
        IsActive = isActive;
    }
}
