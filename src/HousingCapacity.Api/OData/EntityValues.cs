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

    /// <summary>
    /// The values as a record of what a client may send (a writer's <c>New…</c> record, whose constructor's parameters are the
    /// properties it accepts: <see cref="NamesOf"/>): a required property left out is a 400 naming it.
    /// </summary>
    public TRecord As<TRecord>() => (TRecord)ActionCommands.Construct(typeof(TRecord),
        p => values.TryGetValue(p.Info.Name!, out var value) ? value : null, (_, _) => { }, p => Missing(p.Info.Name!));

    /// <summary>
    /// The values as a change of <paramref name="current"/> (a writer's <c>…Change</c> record, whose constructor's parameters are
    /// the properties it lets a client change): what a PATCH leaves out is the record's current value; what a PUT leaves out is
    /// null, or a 400 naming it where null is no value.
    /// </summary>
    public TChange As<TChange>(Entity current) => (TChange)ActionCommands.Construct(typeof(TChange),
        p => values.TryGetValue(p.Info.Name!, out var value) ? value
            : Replace ? null : current.GetType().GetProperty(p.Info.Name!)!.GetValue(current),
        (_, _) => { }, p => Missing(p.Info.Name!));

    /// <summary>The properties a record of what a client may send names (its constructor's parameters).</summary>
    public static IReadOnlySet<string> NamesOf<TRecord>() => ActionCommands.Of(typeof(TRecord)).Select(p => p.Info.Name!).ToHashSet();

    /// <summary>The body's DateOnly and DateTimeOffset values as the domain reckons them (LocalDate, Instant) when asked so.</summary>
    private static TValue As<TValue>(object? value) => value switch
    {
        DateOnly d when typeof(TValue) == typeof(LocalDate) || typeof(TValue) == typeof(LocalDate?) => (TValue)(object)d.ToLocalDate(),
        DateTimeOffset t when typeof(TValue) == typeof(Instant) || typeof(TValue) == typeof(Instant?) => (TValue)(object)t.ToInstant(),
        _ => (TValue)value!,
    };

    /// <summary>A required property left out: a 400 naming it.</summary>
    public static ODataProblem Missing(string name) => ODataProblem.BadRequest("MissingProperty",
        $"Egenskaben {name} skal angives.", $"The property {name} is required.", name);
}
