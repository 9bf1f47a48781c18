namespace HousingCapacity.Api.Security;

/// <summary>
/// The caller of the current request (a scoped service). The database context reads it at every query (its query
/// filters) and every save (the write scope and the access log): it is the one place scope is decided. The context's model (its
/// filters, built for the caller's kind: see <see cref="HousingDbContext"/>) is chosen when it is first used, so from then on the
/// caller may not become another kind of caller; trying is a programming error and throws.
/// </summary>
public sealed class CallerScope
{
    public Caller Current
    {
        get => _current;
        set
        {
            if (BoundModel is not null && BoundModel != ModelKind(value))
                throw new InvalidOperationException(
                    $"The database context was first used as {BoundModel}; its caller cannot become {ModelKind(value)}.");
            _current = value;
        }
    }
    private Caller _current = Caller.Nobody;

    /// <summary>The kind of caller a context's model was built for (set by the context when first used).</summary>
    internal string? BoundModel { get; set; }

    /// <summary>What the query filters differ by: the system, each role, or nobody.</summary>
    public static string ModelKind(Caller caller) => caller.IsSystem ? SystemModel : caller.Role?.ToString() ?? "Nobody";

    /// <summary>The kind of the system's callers, whose model has no query filters.</summary>
    public const string SystemModel = "System";
    /// <summary>Method and path of the request, for the access log.</summary>
    public string? Request { get; set; }
    /// <summary>The purpose the client gave (header X-Purpose), for the access log.</summary>
    public string? Purpose { get; set; }

    /// <summary>For code outside a request (start-up, tools, tests' own contexts): everything is visible.</summary>
    public static CallerScope ForSystem(string job, bool auditWrites = true) => new()
    {
        Current = Caller.System(job, auditWrites),
        Request = job
    };
}
