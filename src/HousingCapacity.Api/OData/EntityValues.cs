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
        if (values.TryGetValue(name, out var value)) return (TValue)value!;
        if (!Replace) return current;
        return default(TValue) is null && (!typeof(TValue).IsValueType || Nullable.GetUnderlyingType(typeof(TValue)) is not null)
            ? default!
            : throw Missing(name);
    }

    public TValue Required<TValue>(string name) =>
        values.TryGetValue(name, out var value) && value is not null ? (TValue)value : throw Missing(name);

    public TValue Optional<TValue>(string name, TValue fallback) =>
        values.TryGetValue(name, out var value) ? (TValue)value! : fallback;

    private static ODataProblem Missing(string name) => ODataProblem.BadRequest("MissingProperty",
        $"Egenskaben {name} skal angives.", $"The property {name} is required.", name);
}

/// <summary>Creates and changes the records of one entity set, through the domain's constructors and methods.</summary>
public interface IEntitySetWriter
{
    string EntitySet { get; }
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

/// <summary>Carries out one bound action (see <see cref="ODataServiceModel.Actions"/>) on a record.</summary>
public interface IEntityAction
{
    string EntitySet { get; }
    string Name { get; }
    /// <summary>Returns the record to answer with: the bound one, or a new one (e.g. the placement an accepted offer makes).</summary>
    Task<Entity> InvokeAsync(HousingDbContext db, Entity entity, EntityValues parameters, WriteContext context);
}

/// <summary>Carries out one action bound to a whole entity set (see <see cref="ODataServiceModel.Actions"/>); returns the record it made.</summary>
public interface ICollectionAction
{
    string EntitySet { get; }
    string Name { get; }
    Task<Entity> InvokeAsync(HousingDbContext db, EntityValues parameters, WriteContext context);
}
