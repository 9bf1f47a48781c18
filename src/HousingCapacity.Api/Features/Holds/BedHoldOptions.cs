namespace HousingCapacity.Api.Features.Holds;

/// <summary>How long a bed may be held (appsettings.json, section "BedHolds").</summary>
public sealed class BedHoldOptions
{
    /// <summary>Finding A Bed Tonight's default: 90 minutes.</summary>
    public int DefaultMinutes { get; set; } = 90;
    public int MaxMinutes { get; set; } = 240;
    /// <summary>Holds one user may have standing at once (issue 23: one officer could hold the last bed of every municipality).</summary>
    public int MaxOpenPerUser { get; set; } = 5;
}
