namespace HousingCapacity.Api.Features.YouthPolicies;

/// <summary>What a client sends to create a version of a municipality's youth policy (POST /odata/YouthPolicies): the properties the writer
/// accepts.</summary>
public sealed record NewYouthPolicy(DateOnly EffectiveFrom, bool Applies, int MinAge, int MaxAge, string PolicyName, int? PolicyYear = null,
    int? MunicipalityId = null);
