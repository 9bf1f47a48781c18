using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table YouthPolicies (Migrations/), as the numbered scripts create it.</summary>
public sealed class YouthPolicyMapping : RecordMapping<YouthPolicy>
{
    public YouthPolicyMapping() : base("YouthPolicies") { }

    protected override void Map(EntityTypeBuilder<YouthPolicy> e)
    {
        e.HasOne(x => x.Municipality).WithMany().HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.MunicipalityId, x.EffectiveFrom }).IsUnique();
    }
}
