namespace HousingCapacity.Api.OData;

/// <summary>
/// How the EDM declares a command parameter's nullability where the default does not say it: an optional value parameter is
/// declared non-nullable (left out, not null), a text nullable. <c>true</c>: null is itself a value the client gives (e.g. "the
/// handlekommune is unknown"); <c>false</c>: a text that may not be null (the library refuses it before our code runs).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class EdmNullableAttribute(bool nullable) : Attribute
{
    public bool Nullable { get; } = nullable;
}
