namespace HousingCapacity.Api.Features.Persons;

/// <summary><c>Persons/HousingCapacity.RegisterWithoutCpr</c>: alias, gender and a birth year or an estimated age; the municipality and a
/// name when known. The action's parameters in the EDM are this record's (<see cref="OData.ActionCommands"/>).</summary>
public sealed record RegisterWithoutCprCommand(string Alias, Gender Gender, int? BirthYear = null, int? EstimatedAge = null,
    int? MunicipalityId = null,
    string? FirstName = null, string? LastName = null);
