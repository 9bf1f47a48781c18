using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table Municipalities (Migrations/), as the numbered scripts create it.</summary>
public sealed class MunicipalityMapping : RecordMapping<Municipality>
{
    public MunicipalityMapping() : base("Municipalities") { }

    protected override void Map(EntityTypeBuilder<Municipality> e)
    {
        e.HasIndex(x => x.Code).IsUnique();
        e.HasMany(x => x.Facilities).WithOne(x => x.Municipality).HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Waitlists).WithOne(x => x.Municipality).HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
    }
}
