namespace HousingCapacity.Api.Security;

/// <summary>Per-caller limits (appsettings.json, section "RateLimits"), counted per minute.</summary>
public sealed class RateLimitOptions
{
    /// <summary>POST, PATCH, PUT and DELETE.</summary>
    public int WritesPerMinute { get; set; } = 120;
    /// <summary>Reports, imports and queries with $apply or $expand.</summary>
    public int HeavyQueriesPerMinute { get; set; } = 60;
}
