using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table Units (Migrations/), as the numbered scripts create it.</summary>
public sealed class UnitMapping : RecordMapping<Unit>
{
    public UnitMapping() : base("Units") { }

    protected override void Map(EntityTypeBuilder<Unit> e)
    {
        e.HasMany(x => x.Placements).WithOne(x => x.Unit).HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
