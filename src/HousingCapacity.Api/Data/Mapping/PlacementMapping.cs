using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table Placements (Migrations/), as the numbered scripts create it.</summary>
public sealed class PlacementMapping : RecordMapping<Placement>
{
    public PlacementMapping() : base("Placements") { }

    protected override void Map(EntityTypeBuilder<Placement> e)
    {
        e.Ignore(x => x.Stay);
        e.Ignore(x => x.AwaitsAdmission);
        // The handlekommune of the stay: officers of it see the stay.
        e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.ResponsibleMunicipalityId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ResponsibleMunicipalityId);
        e.HasOne<YouthPolicy>().WithMany().HasForeignKey(x => x.YouthPolicyId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.SupportPeriods).WithOne(x => x.Placement).HasForeignKey(x => x.PlacementId).OnDelete(DeleteBehavior.Restrict);
        // The over-booking guards of migration 0003; EF must know, so that it does not rely on RETURNING alone.
        e.ToTable(t => { t.HasTrigger("TR_Placements_Guard_Insert"); t.HasTrigger("TR_Placements_Guard_Update"); });
    }
}
