namespace HousingCapacity.Api.OData;

/// <summary>One broken rule or invalid value inside an OData error's <c>details</c>.</summary>
public sealed record ProblemDetail(string Code, string MessageDa, string MessageEn, string? Target = null);
