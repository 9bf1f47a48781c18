using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.YouthPolicies;

public sealed class YouthPoliciesController(YouthPolicyWriter writer) : EntitySetController<YouthPolicy>(writer);
