using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table Facilities (Migrations/), as the numbered scripts create it.</summary>
public sealed class FacilityMapping : RecordMapping<Facility>
{
    public FacilityMapping() : base("Facilities") { }

    protected override void Map(EntityTypeBuilder<Facility> e)
    {
        e.HasMany(x => x.Units).WithOne(x => x.Facility).HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.CapacityReports).WithOne(x => x.Facility).HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Placements).WithOne(x => x.Facility).HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
    }
}
