namespace HousingCapacity.Api.Features.Shared;

/// <summary>A page of the housing officers: about the persons and places their municipality's query filters show them.</summary>
[ForRole(Role.HousingOfficer)]
public abstract class OfficerPage : HousingPage;
