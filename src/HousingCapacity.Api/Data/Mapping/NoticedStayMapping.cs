using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table NoticedStays (Migrations/), as the numbered scripts create it.</summary>
public sealed class NoticedStayMapping : RecordMapping<NoticedStay>
{
    public NoticedStayMapping() : base("NoticedStays") { }

    protected override void Map(EntityTypeBuilder<NoticedStay> e)
    {
        e.Ignore(x => x.Stay);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.RecordingMunicipalityId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PersonId, x.StartDate });
    }
}
