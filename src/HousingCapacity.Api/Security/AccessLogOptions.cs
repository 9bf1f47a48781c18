using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Security;

/// <summary>Configuration section "AccessLog".</summary>
public sealed class AccessLogOptions
{
    /// <summary>
    /// How many months the access log is kept; unset (the default) keeps it for good. At least 6: the database refuses a purge
    /// of anything younger (migration 0010), which is also what the old security order for public authorities required as a
    /// minimum (bekendtgørelse nr. 528 af 15. juni 2000 §19 stk. 3: "6 måneder"), and a person's art. 15 request usually asks
    /// about the recent past.
    /// </summary>
    public int? RetentionMonths { get; set; }

    /// <summary>How often the API's own job purges, in hours (the first run is a minute after start).</summary>
    public int PurgeIntervalHours { get; set; } = 24;
}
