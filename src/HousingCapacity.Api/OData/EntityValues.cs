using HousingCapacity.Api.Data;
using HousingCapacity.Domain;

namespace HousingCapacity.Api.OData;

/// <summary>
/// The properties a client sent in a POST, PATCH or PUT body, already checked against the EDM types and
/// converted to CLR values. In <see cref="Replace"/> mode (PUT) a property left out means its default.
/// </summary>
public sealed class EntityValues(IReadOnlyDictionary<string, object?> values, bool replace)
{
    public bool Replace { get; } = replace;
    public bool Has(string name) => values.ContainsKey(name);
    public IEnumerable<string> Names => values.Keys;

    /// <summary>The value sent, else (PATCH) the current one, else (PUT) null or a 400 if the property cannot be null.</summary>
    public TValue Get<TValue>(string name, TValue current)
    {
        if (values.TryGetValue(name, out var value)) return As<TValue>(value);
        if (!Replace) return current;
        return default(TValue) is null && (!typeof(TValue).IsValueType || Nullable.GetUnderlyingType(typeof(TValue)) is not null)
            ? default!
            : throw Missing(name);
    }

    public TValue Required<TValue>(string name) =>
        values.TryGetValue(name, out var value) && value is not null ? As<TValue>(value) : throw Missing(name);

    public TValue Optional<TValue>(string name, TValue fallback) =>
        values.TryGetValue(name, out var value) ? As<TValue>(value) : fallback;

    /// <summary>The body's DateOnly and DateTimeOffset values as the domain reckons them (LocalDate, Instant) when asked so.</summary>
    private static TValue As<TValue>(object? value) => value switch
    {
        DateOnly d when typeof(TValue) == typeof(LocalDate) || typeof(TValue) == typeof(LocalDate?) => (TValue)(object)d.ToLocalDate(),
        DateTimeOffset t when typeof(TValue) == typeof(Instant) || typeof(TValue) == typeof(Instant?) => (TValue)(object)t.ToInstant(),
        _ => (TValue)value!,
    };

    private static ODataProblem Missing(string name) => ODataProblem.BadRequest("MissingProperty",
        $"Egenskaben {name} skal angives.", $"The property {name} is required.", name);
}

/// <summary>Creates and changes the records of one entity set, through the domain's constructors and methods.</summary>
public interface IEntitySetWriter
{
    /// <summary>Properties a client may send when creating.</summary>
    IReadOnlySet<string> Insertable { get; }
    /// <summary>Properties a client may change afterwards.</summary>
    IReadOnlySet<string> Updatable { get; }
    /// <summary>Creates a record, or (for an upsert) changes the existing one; Created says which.</summary>
    Task<(Entity Entity, bool Created)> CreateAsync(HousingDbContext db, EntityValues values, WriteContext context);
    Task UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context);
    /// <summary>False where records are history that must not be rewritten or erased (e.g. placements).</summary>
    bool AllowsUpdate => true;
    bool AllowsDelete => true;
}

/// <summary>Who writes, and when.</summary>
public sealed record WriteContext(NodaTime.IClock Clock, string UserName, CancellationToken Cancellation);
