namespace HousingCapacity.Domain;

/// <summary>What a person's age is known from.</summary>
public enum AgeBasis
{
    /// <summary>The birth date in the CPR number: the age is exact.</summary>
    CprNumber,
    /// <summary>A birth year the person gave: the age is known within a year.</summary>
    BirthYear,
    /// <summary>An age estimated by staff: a guess.</summary>
    Estimated,
}
