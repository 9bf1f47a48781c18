namespace HousingCapacity.Api.Features.Persons;

/// <summary>What a client sends to create a person with a CPR number (POST /odata/Persons); without one: RegisterWithoutCpr: the properties
/// the writer accepts.</summary>
public sealed record NewPerson(string? Cpr, string FirstName, string LastName, int MunicipalityId, Gender? Gender = null,
    string? Alias = null);
