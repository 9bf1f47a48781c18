namespace HousingCapacity.Api.Security;

/// <summary>
/// The caller of the current request (a scoped service). The database context reads it at every query (its query
/// filters) and every save (the write scope and the access log): it is the one place scope is decided.
/// </summary>
public sealed class CallerScope
{
    public Caller Current { get; set; } = Caller.Nobody;
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
