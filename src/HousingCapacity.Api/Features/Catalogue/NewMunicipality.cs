namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>What a client sends to create a municipality (POST /odata/Municipalities): the properties the writer accepts.</summary>
public sealed record NewMunicipality(int Code, string Name);
