using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table Persons (Migrations/), as the numbered scripts create it.</summary>
public sealed class PersonMapping : RecordMapping<Person>
{
    public PersonMapping() : base("Persons") { }

    protected override void Map(EntityTypeBuilder<Person> e)
    {
        // The number itself is encrypted with the database's keys (StoredValues.StoreCpr); its keyed hash gives equality look-ups
        // and uniqueness without decrypting.
        e.Property<string>(HousingDbContext.CprHash);
        e.HasIndex(HousingDbContext.CprHash).IsUnique();
        e.HasMany(x => x.Placements).WithOne(x => x.Person).HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.WaitlistEntries).WithOne(x => x.Person).HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
    }
}
