using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table Transitions (Migrations/), as the numbered scripts create it. What secured a place is kept as the record's id
/// without a foreign key: a bed held is released (deleted) after use, and a cancelled stay leaves; the transition keeps what it was.
/// </summary>
public sealed class TransitionMapping : RecordMapping<Transition>
{
    public TransitionMapping() : base("Transitions") { }

    protected override void Map(EntityTypeBuilder<Transition> e)
    {
        e.Ignore(x => x.DaysOfNotice);
        e.Ignore(x => x.SecuredInTime);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.MunicipalityId, x.Status, x.LosesRoofOn });
        e.HasIndex(x => x.PersonId);
    }
}
