namespace HousingCapacity.Api.Features.Holds;

/// <summary>How long a bed may be held (appsettings.json, section "BedHolds").</summary>
public sealed class BedHoldOptions
{
    /// <summary>Finding A Bed Tonight's default: 90 minutes.</summary>
    public int DefaultMinutes { get; set; } = 90;
    public int MaxMinutes { get; set; } = 240;
}
