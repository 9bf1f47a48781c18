using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Security;

/// <summary>
/// The look-ups by CPR number each user has left (<see cref="CprLookupOptions"/>), and the misses each has had: a process-wide
/// service the container owns. Like the request rate limits it counts per API process.
/// </summary>
public sealed class CprLookupBudget(IOptions<CprLookupOptions> options, IClock clock) : IDisposable
{
    private readonly CprLookupOptions _options = options.Value;
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.PerWindow),
            Window = TimeSpan.FromMinutes(Math.Max(1, options.Value.WindowMinutes)),
            QueueLimit = 0,
        }));
    private readonly ConcurrentDictionary<string, (Instant WindowStart, int Misses)> _misses = new(StringComparer.Ordinal);

    /// <summary>Takes one look-up of the caller's budget; refuses (429, with when to try again) when none is left.</summary>
    public void Take(Caller caller)
    {
        if (caller.IsSystem) return;
        using var lease = _limiter.AttemptAcquire(caller.Name);
        if (lease.IsAcquired) return;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(_options.WindowMinutes);
        throw new Refusal(RefusalKind.TooMany, "TooManyCprLookups",
            $"Du har slået {_options.PerWindow} CPR-numre op på {_options.WindowMinutes} minutter, som er grænsen. " +
            "Vent lidt og prøv igen, eller find personen på navn.",
            $"You have looked up {_options.PerWindow} CPR numbers in {_options.WindowMinutes} minutes, which is the limit. Wait a " +
            "little and try again, or find the person by name.", "cpr") { RetryAfter = retryAfter }.AsException();
    }

    /// <summary>Counts a look-up that found nobody; true once a window, when the caller reaches the warning threshold.</summary>
    public bool Missed(Caller caller)
    {
        var now = clock.GetCurrentInstant();
        var window = Duration.FromMinutes(Math.Max(1, _options.WindowMinutes));
        var (_, misses) = _misses.AddOrUpdate(caller.Name, _ => (now, 1),
            (_, old) => now - old.WindowStart >= window ? (now, 1) : (old.WindowStart, old.Misses + 1));
        return misses == Math.Max(1, _options.MissesBeforeWarning);
    }

    public int MissesBeforeWarning => _options.MissesBeforeWarning;

    public void Dispose() => _limiter.Dispose();
}
