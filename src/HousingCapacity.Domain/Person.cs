using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A citizen who needs a bed or a home. Usually identified by a CPR number, from which the birth date follows. A §110 shelter
/// also takes in people who have no CPR number or will not give it (foreign nationals, people who stay anonymously): they
/// are registered with an alias, a gender and a birth year or an estimated age, count in every figure, and may get a CPR
/// number later or be merged with another record of the same person (docs/domain.md, rule 8).
/// </summary>
public sealed class Person : Entity
{
    /// <summary>Nobody registered without a CPR number is taken to be younger than this (the places are for adults and young
    /// people; an "estimated age of 3" is a typing error).</summary>
    public const int YoungestWithoutCpr = 15;
    public const int OldestWithoutCpr = 110;

    private Person() { FirstName = ""; LastName = ""; }

    public Person(CprNumber cpr, string firstName, string lastName, Gender gender, int? municipalityId)
    {
        FirstName = ""; LastName = "";
        DomainRuleException.ThrowIf(cpr.Value is null, "Required", "CPR-nummeret skal udfyldes.", "Cpr is required.", nameof(Cpr));
        SetCpr(cpr);
        MunicipalityId = municipalityId;
        Update(firstName, lastName, gender);
    }

    /// <summary>
    /// A person without a CPR number. The age is known from a birth year (<paramref name="birthYear"/>) or estimated by staff
    /// (<paramref name="estimatedAge"/> on <paramref name="today"/>); exactly one of the two is given.
    /// </summary>
    public static Person WithoutCpr(string alias, Gender gender, int? birthYear, int? estimatedAge, LocalDate today,
        int? municipalityId, string? firstName = null, string? lastName = null)
    {
        var person = new Person { MunicipalityId = municipalityId };
        person.Alias = DomainRuleException.RequireText(alias, nameof(Alias), 100, "Aliasset");
        person.FirstName = Optional(firstName, nameof(FirstName), "Fornavnet");
        person.LastName = Optional(lastName, nameof(LastName), "Efternavnet");
        person.Gender = Enum.IsDefined(gender) ? gender : throw new DomainRuleException("InvalidGender", "Ukendt køn.", "Unknown gender.",
            nameof(Gender));
        person.SetAgeWithoutCpr(birthYear, estimatedAge, today);
        return person;
    }

    /// <summary>The CPR number, DDMMYY-SSSS (stored encrypted; confidential: see CprNumber); null when not known.</summary>
    public string? Cpr { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    /// <summary>The name a person without a CPR number is known by at the shelter.</summary>
    public string? Alias { get; private set; }
    /// <summary>The birth date from the CPR number; without one, 1 July of the birth year given, or the date the estimated age
    /// implies (see <see cref="AgeBasis"/>).</summary>
    public DateOnly BirthDate { get; private set; }
    /// <summary>What the age is known from: the CPR number, a birth year, or an estimate.</summary>
    public AgeBasis AgeBasis { get; private set; }
    public Gender Gender { get; private set; }
    /// <summary>The municipality responsible for the person (handlekommune); null when not known.</summary>
    public int? MunicipalityId { get; private set; }
    /// <summary>Set when this record was merged into another record of the same person: every stay, waitlist entry, hold and
    /// turnaway now belongs to that one; this record and its access-log lines stay.</summary>
    public int? MergedIntoId { get; private set; }


    public List<Placement> Placements { get; private set; } = [];
    public List<WaitlistEntry> WaitlistEntries { get; private set; } = [];

    public bool HasCpr => Cpr is not null;

    /// <summary>A record merged into another takes no new stay, entry or number: its history lives on the other record.</summary>
    public void EnsureNotMerged(string target)
    {
        DomainRuleException.ThrowIf(MergedIntoId is not null, "PersonMerged",
            $"Personen er lagt sammen med person {MergedIntoId}; brug den post.",
            $"The person has been merged into person {MergedIntoId}; use that record.", target);
    }

    /// <summary>The age on a date in whole years, and what it is known from.</summary>
    public KnownAge Age(LocalDate date) => new(DanishTime.AgeOn(BirthDate.ToLocalDate(), date), AgeBasis);

    public int AgeOn(LocalDate date) => Age(date).Years;

    public void Update(string firstName, string lastName, Gender gender)
    {
        if (HasCpr)
        {
            FirstName = DomainRuleException.RequireText(firstName, nameof(FirstName), 100, "Fornavnet");
            LastName = DomainRuleException.RequireText(lastName, nameof(LastName), 100, "Efternavnet");
        }
        else
        {
            FirstName = Optional(firstName, nameof(FirstName), "Fornavnet");
            LastName = Optional(lastName, nameof(LastName), "Efternavnet");
        }
        DomainRuleException.ThrowIf(!Enum.IsDefined(gender), "InvalidGender", "Ukendt køn.", "Unknown gender.", nameof(Gender));
        Gender = gender;
    }

    public void UpdateAlias(string? alias)
    {
        Alias = HasCpr && string.IsNullOrWhiteSpace(alias) ? null : DomainRuleException.RequireText(alias, nameof(Alias), 100, "Aliasset");
    }

    /// <summary>A new birth year or estimate for a person without a CPR number.</summary>
    public void UpdateAge(int? birthYear, int? estimatedAge, LocalDate today)
    {
        DomainRuleException.ThrowIf(HasCpr, "AgeFromCpr", "Alderen følger af CPR-nummeret og kan ikke ændres.",
            "The age follows from the CPR number and cannot be changed.", nameof(BirthDate));
        SetAgeWithoutCpr(birthYear, estimatedAge, today);
    }

    /// <summary>Gives a person registered without a CPR number their number (the caller checks nobody else has it). The birth date
    /// now follows from it.</summary>
    public void AddCpr(CprNumber cpr)
    {
        DomainRuleException.ThrowIf(HasCpr, "CprAlreadyKnown",
            "Personen har allerede et CPR-nummer. En person med et nyt CPR-nummer registreres med det nye og lægges sammen med " +
                "den gamle post (MergeInto).",
            "The person already has a CPR number. A person with a new CPR number is registered with the new one and the old record " +
                "merged into it (MergeInto).",
            nameof(Cpr));
        SetCpr(cpr);
    }

    /// <summary>Marks this record as merged into <paramref name="target"/>: the workflow moves the history first.</summary>
    public void MarkMergedInto(Person target)
    {
        DomainRuleException.ThrowIf(target.Id == Id, "MergeIntoSelf", "En person kan ikke lægges sammen med sig selv.",
            "A person cannot be merged into themself.", "personId");
        DomainRuleException.ThrowIf(MergedIntoId is not null, "AlreadyMerged", "Personen er allerede lagt sammen med en anden post.",
            "The person has already been merged into another record.", "personId");
        DomainRuleException.ThrowIf(target.MergedIntoId is not null, "AlreadyMerged",
            "Den post, der skal lægges sammen med, er selv lagt sammen med en anden.",
                "The target record has itself been merged into another.",
            "personId");
        MergedIntoId = target.Id;
    }

    private void SetCpr(CprNumber cpr)
    {
        Cpr = cpr.Value;
        BirthDate = cpr.BirthDate.ToDateOnly();
        AgeBasis = AgeBasis.CprNumber;
    }

    private void SetAgeWithoutCpr(int? birthYear, int? estimatedAge, LocalDate today)
    {
        DomainRuleException.ThrowIf(birthYear is null == estimatedAge is null, "BirthYearOrEstimatedAge",
            "Angiv enten fødselsår eller en anslået alder.", "Give either a birth year or an estimated age.", "BirthYear");
        if (birthYear is { } year)
        {
            DomainRuleException.ThrowIf(year > today.Year, "BirthYearInFuture", $"Fødselsåret {year} ligger i fremtiden.",
                $"The birth year {year} is in the future.", "BirthYear");
            DomainRuleException.ThrowIf(today.Year - year < YoungestWithoutCpr || today.Year - year > OldestWithoutCpr, "ImplausibleAge",
                $"Fødselsåret skal give en alder mellem {YoungestWithoutCpr} og {OldestWithoutCpr} år.",
                $"The birth year must give an age between {YoungestWithoutCpr} and {OldestWithoutCpr}.", "BirthYear");
            // Born some time in the year: reckoned from the middle of it, so the age is at most half a year off.
            BirthDate = new DateOnly(year, 7, 1);
            AgeBasis = AgeBasis.BirthYear;
        }
        else
        {
            var age = estimatedAge!.Value;
            DomainRuleException.ThrowIf(age is < YoungestWithoutCpr or > OldestWithoutCpr, "ImplausibleAge",
                $"En anslået alder skal ligge mellem {YoungestWithoutCpr} og {OldestWithoutCpr} år.",
                $"An estimated age must be between {YoungestWithoutCpr} and {OldestWithoutCpr}.", "EstimatedAge");
            BirthDate = today.PlusYears(-age).ToDateOnly();
            AgeBasis = AgeBasis.Estimated;
        }
    }

    private static string Optional(string? value, string target, string daName) =>
        string.IsNullOrWhiteSpace(value) ? "" : DomainRuleException.RequireText(value, target, 100, daName);
}
