using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table BedHolds (Migrations/), as the numbered scripts create it.</summary>
public sealed class BedHoldMapping : RecordMapping<BedHold>
{
    public BedHoldMapping() : base("BedHolds") { }

    protected override void Map(EntityTypeBuilder<BedHold> e)
    {
        e.HasOne(x => x.Facility).WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
