using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table CapacityReports (Migrations/), as the numbered scripts create it.</summary>
public sealed class CapacityReportMapping : RecordMapping<CapacityReport>
{
    public CapacityReportMapping() : base("CapacityReports") { }

    protected override void Map(EntityTypeBuilder<CapacityReport> e)
    {
        e.HasIndex(x => new { x.FacilityId, x.Date }).IsUnique();
        e.Ignore(x => x.BedsFree);
    }
}
