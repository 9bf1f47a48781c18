using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A citizen who needs a bed or a home. The birth date is derived from the CPR number and cannot be set apart from it.
/// </summary>
public sealed class Person : Entity, IConcernsPerson
{
    private Person() { FirstName = ""; LastName = ""; }

    public Person(CprNumber cpr, string firstName, string lastName, Gender gender, int municipalityId)
    {
        FirstName = ""; LastName = "";
        DomainRuleException.ThrowIf(cpr.Value is null, "Required", "CPR-nummeret skal udfyldes.", "Cpr is required.", nameof(Cpr));
        Cpr = cpr.Value!;
        BirthDate = cpr.BirthDate.ToDateOnly();
        MunicipalityId = municipalityId;
        Update(firstName, lastName, gender);
    }

    /// <summary>The CPR number, DDMMYY-SSSS (stored encrypted; confidential: see CprNumber).</summary>
    public string Cpr { get; private set; } = "";
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    public DateOnly BirthDate { get; private set; }
    public Gender Gender { get; private set; }
    /// <summary>The municipality responsible for the person (handlekommune).</summary>
    public int MunicipalityId { get; private set; }

    int? IConcernsPerson.ConcernedPersonId => Id;

    public List<Placement> Placements { get; private set; } = [];
    public List<WaitlistEntry> WaitlistEntries { get; private set; } = [];

    public int AgeOn(LocalDate date) => DanishTime.AgeOn(BirthDate.ToLocalDate(), date);

    public void Update(string firstName, string lastName, Gender gender)
    {
        FirstName = DomainRuleException.RequireText(firstName, nameof(FirstName), 100, "Fornavnet");
        LastName = DomainRuleException.RequireText(lastName, nameof(LastName), 100, "Efternavnet");
        Gender = gender;
    }
}
