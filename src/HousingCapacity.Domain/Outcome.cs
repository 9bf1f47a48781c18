namespace HousingCapacity.Domain;

/// <summary>
/// What a workflow returns: its result, or the <see cref="Refusal"/> that stopped it. A write whose workflow returns a refusal is
/// rolled back. Either converts implicitly, so a workflow says <c>return placement;</c> or <c>return refusal;</c>.
/// </summary>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, Refusal? refusal)
    {
        _value = value;
        Refusal = refusal;
    }

    /// <summary>The refusal, or null when the workflow succeeded.</summary>
    public Refusal? Refusal { get; }

    public bool IsRefused => Refusal is not null;

    /// <summary>The result; reading it from a refusal is a programming error.</summary>
    public T Value => Refusal is null ? _value! : throw new InvalidOperationException($"The outcome is a refusal ({Refusal.Code}).");

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) =>
        new(default, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    /// <summary>The result passed on, or this refusal as the other workflow's.</summary>
    public Outcome<TNext> Then<TNext>(Func<T, TNext> next) => Refusal is { } r ? r : next(_value!);

    public async Task<Outcome<TNext>> ThenAsync<TNext>(Func<T, Task<Outcome<TNext>>> next) => Refusal is { } r ? r : await next(_value!);

    /// <summary>The result, or the refusal thrown (for the few callers that cannot return it: a command-line tool, a test).</summary>
    public T OrThrow() => Refusal is { } r ? throw r.AsException() : _value!;
}
