using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table SupportPeriods (Migrations/), as the numbered scripts create it.</summary>
public sealed class SupportPeriodMapping : RecordMapping<SupportPeriod>
{
    public SupportPeriodMapping() : base("SupportPeriods") { }

    protected override void Map(EntityTypeBuilder<SupportPeriod> e)
    {
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
