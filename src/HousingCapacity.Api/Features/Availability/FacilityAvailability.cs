namespace HousingCapacity.Api.Features.Availability;

/// <summary>
/// Free beds of one facility for one night: beds in service − occupied − held, with how fresh the shelter's own count
/// is (as Finding A Bed Tonight shows it). The OData complex type HousingCapacity.FacilityAvailability.
/// </summary>
public sealed class FacilityAvailability
{
    public int FacilityId { get; init; }
    public string FacilityName { get; init; } = "";
    public FacilityKind Kind { get; init; }
    /// <summary>The legal basis: at a §110 place the youth rule and the notice apply.</summary>
    public LegalBasis LegalBasis { get; init; }
    public int MunicipalityId { get; init; }
    public GenderRestriction GenderRestriction { get; init; }
    public int? MinAge { get; init; }
    public int? MaxAge { get; init; }
    public DateOnly Date { get; init; }
    /// <summary>Beds of the units in service that night, extra beds open that night included.</summary>
    public int BedsInService { get; init; }
    /// <summary>How many of those are extra beds the place has opened for a period (a kuldeberedskab, say: <see cref="Domain.ExtraBeds"/>).
    /// </summary>
    public int ExtraBeds { get; init; }
    /// <summary>People with a stay that includes the night.</summary>
    public int BedsOccupied { get; init; }
    /// <summary>Beds held for someone on the way.</summary>
    public int BedsHeld { get; init; }
    public int BedsFree { get; init; }
    /// <summary>When the facility's newest capacity report was made; null if it never reported.</summary>
    public DateTimeOffset? LastReportedAt { get; init; }
    /// <summary>Minutes since that report, at the time of asking.</summary>
    public int? ReportAgeMinutes { get; init; }
    /// <summary>The place has reported its count for this night.</summary>
    public bool ReportedTonight { get; init; }
    /// <summary>The place has not reported this night's count, and the time it was due (<c>PlacementRules:CountDueBy</c>, 22:00) has
    /// passed at the time of asking: the free beds are the system's own count, not the place's.</summary>
    public bool CountOverdue { get; init; }
}
