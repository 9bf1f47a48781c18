using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table Turnaways (Migrations/), as the numbered scripts create it.</summary>
public sealed class TurnawayMapping : RecordMapping<Turnaway>
{
    public TurnawayMapping() : base("Turnaways") { }

    protected override void Map(EntityTypeBuilder<Turnaway> e)
    {
        e.HasOne(x => x.Facility).WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
