namespace HousingCapacity.Api.Features.Shared;

/// <summary>A page of the municipality's administrator: its catalogue of places and their capacity.</summary>
[ForRole(Role.Administrator)]
public abstract class AdministratorPage : HousingPage;
