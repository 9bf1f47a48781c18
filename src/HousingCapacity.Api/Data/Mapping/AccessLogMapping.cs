using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The access log's tables and its view (Migrations/): written once, never changed (their triggers refuse it).</summary>
public sealed class AccessLogMapping : IEntityTypeConfiguration<AccessLogEntry>, IEntityTypeConfiguration<AccessLogPerson>,
    IEntityTypeConfiguration<AccessLogLine>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> e)
    {
        e.ToTable("AccessLog", t => { t.HasTrigger("TR_AccessLog_NoUpdate"); t.HasTrigger("TR_AccessLog_NoDelete"); });
        e.HasKey(x => x.Id);
        e.HasMany(x => x.Persons).WithOne().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AccessLogPerson> e)
    {
        e.ToTable("AccessLogPersons", t =>
        {
            t.HasTrigger("TR_AccessLogPersons_NoUpdate");
            t.HasTrigger("TR_AccessLogPersons_NoDelete");
        });
        e.HasKey(x => new { x.PersonId, x.EntryId });
    }

    public void Configure(EntityTypeBuilder<AccessLogLine> e)
    {
        e.ToView("AccessLogLines");
        e.HasNoKey();
    }
}
