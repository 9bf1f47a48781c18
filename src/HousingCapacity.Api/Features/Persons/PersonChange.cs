namespace HousingCapacity.Api.Features.Persons;

/// <summary>A change of a person's name, gender and alias (the CPR number and age have actions of their own): the properties a client may
/// change (<see cref="OData.EntityValues.As{TChange}(Entity)"/>).</summary>
public sealed record PersonChange(string FirstName, string LastName, Gender Gender, string? Alias);
