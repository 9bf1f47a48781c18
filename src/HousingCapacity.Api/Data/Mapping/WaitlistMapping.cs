using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table Waitlists (Migrations/), as the numbered scripts create it.</summary>
public sealed class WaitlistMapping : RecordMapping<Waitlist>
{
    public WaitlistMapping() : base("Waitlists") { }

    protected override void Map(EntityTypeBuilder<Waitlist> e)
    {
        e.HasMany(x => x.Entries).WithOne(x => x.Waitlist).HasForeignKey(x => x.WaitlistId).OnDelete(DeleteBehavior.Restrict);
    }
}
