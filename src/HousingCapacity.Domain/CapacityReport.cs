using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A shelter's own count for one night: beds in service, beds occupied, beds out of service.
/// One per facility per date; a new report for the same date replaces the old one (upsert).
/// </summary>
public sealed class CapacityReport : Entity
{
    private CapacityReport() { ReportedBy = ""; }

    public CapacityReport(int facilityId, LocalDate date, int bedsInService, int bedsOccupied, int bedsOutOfService,
        int facilityBeds, Instant reportedAt, string reportedBy)
    {
        ReportedBy = "";
        FacilityId = facilityId;
        Date = date.ToDateOnly();
        Update(bedsInService, bedsOccupied, bedsOutOfService, facilityBeds, reportedAt, reportedBy);
    }

    public int FacilityId { get; private set; }
    public DateOnly Date { get; private set; }
    public int BedsInService { get; private set; }
    public int BedsOccupied { get; private set; }
    public int BedsOutOfService { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    public string ReportedBy { get; private set; }

    public Facility? Facility { get; private set; }

    public int BedsFree => BedsInService - BedsOccupied;

    /// <param name="facilityBeds">All beds of the facility's units: the ceiling for the counts.</param>
    public void Update(int bedsInService, int bedsOccupied, int bedsOutOfService, int facilityBeds,
        Instant reportedAt, string reportedBy)
    {
        DomainRuleException.ThrowIf(bedsInService < 0 || bedsOccupied < 0 || bedsOutOfService < 0, "NegativeCount",
            "Antal senge kan ikke være negativt.", "Bed counts cannot be negative.", nameof(BedsOccupied));
        DomainRuleException.ThrowIf(bedsOccupied > bedsInService, "OccupiedExceedsInService",
            $"Optagne senge ({bedsOccupied}) kan ikke overstige senge i drift ({bedsInService}).",
            $"Occupied beds ({bedsOccupied}) cannot exceed beds in service ({bedsInService}).", nameof(BedsOccupied));
        DomainRuleException.ThrowIf(bedsOccupied + bedsOutOfService > facilityBeds, "CountsExceedFacilityBeds",
            $"Optagne senge ({bedsOccupied}) plus senge ude af drift ({bedsOutOfService}) overstiger tilbuddets {facilityBeds} senge.",
            $"Occupied beds ({bedsOccupied}) plus beds out of service ({bedsOutOfService}) exceed the facility's {facilityBeds} beds.",
            nameof(BedsOutOfService));
        DomainRuleException.ThrowIf(bedsInService + bedsOutOfService > facilityBeds, "CountsExceedFacilityBeds",
            $"Senge i drift ({bedsInService}) plus senge ude af drift ({bedsOutOfService}) overstiger tilbuddets {facilityBeds} senge.",
            $"Beds in service ({bedsInService}) plus beds out of service ({bedsOutOfService}) exceed the facility's {facilityBeds} beds.",
            nameof(BedsInService));
        BedsInService = bedsInService;
        BedsOccupied = bedsOccupied;
        BedsOutOfService = bedsOutOfService;
        ReportedAt = reportedAt.ToUtc();
        ReportedBy = DomainRuleException.RequireText(reportedBy, nameof(ReportedBy), 200, "Indberetteren");
    }
}
