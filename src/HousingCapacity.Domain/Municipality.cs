namespace HousingCapacity.Domain;

/// <summary>A Danish municipality (kommune), identified by its official 3-digit code (e.g. 175 Rødovre).</summary>
public sealed class Municipality : Entity
{
    private Municipality() { Name = ""; }

    public Municipality(int code, string name)
    {
        // Official municipality codes run 101–860 (Danmarks Statistik's classification).
        DomainRuleException.ThrowIf(code is < 101 or > 999, "InvalidMunicipalityCode",
            "Kommunekoden skal være et tal med tre cifre (fx 175 for Rødovre).",
            "The municipality code must be a three-digit number (e.g. 175 for Rødovre).", nameof(Code));
        Code = code;
        Name = "";
        Rename(name);
    }

    /// <summary>The municipality's identity in every token and report: fixed once created.</summary>
    public int Code { get; private set; }
    public string Name { get; private set; }
    public List<Facility> Facilities { get; private set; } = [];
    public List<Waitlist> Waitlists { get; private set; } = [];

    public void Rename(string name) => Name = DomainRuleException.RequireText(name, nameof(Name), 100, "Navnet");
}
