using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>
/// A record's table: its name, its key and its version (the optimistic-concurrency token and the source of its ETag), and what
/// <see cref="Map"/> adds. Table and column names match the versioned SQL scripts in Migrations/ (SchemaTests compares them).
/// </summary>
public abstract class RecordMapping<T>(string table) : IEntityTypeConfiguration<T> where T : Entity
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Version).IsConcurrencyToken();
        Map(builder);
    }

    protected abstract void Map(EntityTypeBuilder<T> e);
}
