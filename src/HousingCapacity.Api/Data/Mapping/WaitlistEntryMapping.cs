using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table WaitlistEntries (Migrations/), as the numbered scripts create it.</summary>
public sealed class WaitlistEntryMapping : RecordMapping<WaitlistEntry>
{
    public WaitlistEntryMapping() : base("WaitlistEntries") { }

    protected override void Map(EntityTypeBuilder<WaitlistEntry> e)
    {
        e.HasMany(x => x.Offers).WithOne(x => x.Entry).HasForeignKey(x => x.WaitlistEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
