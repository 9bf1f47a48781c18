namespace HousingCapacity.Api.OData;

/// <summary>
/// The properties a client sent in a POST, PATCH or PUT body, already checked against the EDM types and converted to CLR
/// values, read as the writer's records (<see cref="As{TRecord}()"/>, <see cref="As{TChange}(Entity)"/>). In
/// <see cref="Replace"/> mode (PUT) a property left out means its default.
/// </summary>
public sealed class EntityValues(IReadOnlyDictionary<string, object?> values, bool replace)
{
    public bool Replace { get; } = replace;
    /// <summary>The date sent for a property, if one was.</summary>
    public DateOnly? DateOf(string name) => values.TryGetValue(name, out var value) ? value as DateOnly? : null;

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

    /// <summary>A required property left out: a 400 naming it.</summary>
    public static RefusedException Missing(string name) => Refusal.Invalid("MissingProperty",
        $"Egenskaben {name} skal angives.", $"The property {name} is required.", name).AsException();
}
