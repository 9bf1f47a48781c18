using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table ExtraBeds (Migrations/), as the numbered scripts create it: a period's extra beds and the unit that holds them.
/// </summary>
public sealed class ExtraBedsMapping : RecordMapping<ExtraBeds>
{
    public ExtraBedsMapping() : base("ExtraBeds") { }

    protected override void Map(EntityTypeBuilder<ExtraBeds> e)
    {
        e.Ignore(x => x.Nights);
        e.HasOne(x => x.Unit).WithOne().HasForeignKey<ExtraBeds>(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Facility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.UnitId).IsUnique();
        e.HasIndex(x => new { x.FacilityId, x.LastNight });
    }
}
