namespace HousingCapacity.Api.Reporting;

/// <summary>
/// Extra beds the places opened for a period in the month (a kuldeberedskab, say: <see cref="ExtraBeds"/>), reported apart from the
/// regular capacity so that a cold month's extra nights neither hide a full house nor dilute its occupancy (issue 28.4): the nights
/// they were open, their bed-nights, and the bed-nights slept in them. Bed-nights are not persons: no suppression, as for the
/// occupancy tables.
/// </summary>
/// <param name="NightsOpen">Nights of the month on which at least one place had extra beds open.</param>
public sealed record ExtraBedFigures(IReadOnlyList<ExtraBedsAtFacility> Places, int NightsOpen, long CapacityBedNights,
    long OccupiedBedNights, double? OccupancyRate);

