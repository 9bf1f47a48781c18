namespace HousingCapacity.Api.OData;

/// <summary>A command parameter the EDM declares required though the record takes null: the workflow answers a missing value
/// with its own message (e.g. "say why the stay is cancelled, at least 10 characters").</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RequiredParameterAttribute : Attribute;
