namespace HousingCapacity.Api.Features.Persons;

/// <summary>Who a CPR number belongs to, without the number itself (the caller has it). The complex type
/// HousingCapacity.PersonMatch.</summary>
public sealed class PersonMatch
{
    public int PersonId { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public DateOnly BirthDate { get; init; }
    public Gender Gender { get; init; }
    public int? MunicipalityId { get; init; }
    /// <summary>Set when this record was merged into another record of the same person: use that one.</summary>
    public int? MergedIntoId { get; init; }
}
