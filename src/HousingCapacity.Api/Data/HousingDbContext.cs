using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Data;

public sealed class HousingDbContext(DbContextOptions<HousingDbContext> options) : DbContext(options)
{
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Facility> Facilities => Set<Facility>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<CapacityReport> CapacityReports => Set<CapacityReport>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Placement> Placements => Set<Placement>();
    public DbSet<Waitlist> Waitlists => Set<Waitlist>();
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<Turnaway> Turnaways => Set<Turnaway>();
    public DbSet<BedHold> BedHolds => Set<BedHold>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<LocalDate>().HaveConversion<Converters.LocalDateConverter>();
        configurationBuilder.Properties<Instant>().HaveConversion<Converters.InstantConverter>();
        configurationBuilder.Properties<CprNumber>().HaveConversion<Converters.CprConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
        // For values that are not properties (e.g. arguments of the date-part functions).
        configurationBuilder.DefaultTypeMapping<LocalDate>().HasConversion<Converters.LocalDateConverter>();
        configurationBuilder.DefaultTypeMapping<Instant>().HasConversion<Converters.InstantConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        SqlDateFunctions.Register(b);
        // Table and column names match the versioned SQL scripts in Migrations/.
        Table<Municipality>(b, "Municipalities", e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.HasMany(x => x.Facilities).WithOne(x => x.Municipality).HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Waitlists).WithOne(x => x.Municipality).HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        });
        Table<Facility>(b, "Facilities", e =>
        {
            e.HasMany(x => x.Units).WithOne(x => x.Facility).HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.CapacityReports).WithOne(x => x.Facility).HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Placements).WithOne(x => x.Facility).HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
        });
        Table<Unit>(b, "Units", e =>
            e.HasMany(x => x.Placements).WithOne(x => x.Unit).HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict));
        Table<CapacityReport>(b, "CapacityReports", e =>
        {
            e.HasIndex(x => new { x.FacilityId, x.Date }).IsUnique();
            e.Ignore(x => x.BedsFree);
        });
        Table<Person>(b, "Persons", e =>
        {
            // The keyed hash of the CPR number: equality lookups and uniqueness without decrypting.
            e.Property<string>(CprHash);
            e.HasIndex(CprHash).IsUnique();
            e.HasMany(x => x.Placements).WithOne(x => x.Person).HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.WaitlistEntries).WithOne(x => x.Person).HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        Table<Placement>(b, "Placements", e =>
        {
            e.Ignore(x => x.Stay);
            // The over-booking guards of migration 0003; EF must know, so that it does not rely on RETURNING alone.
            e.ToTable(t => { t.HasTrigger("TR_Placements_Guard_Insert"); t.HasTrigger("TR_Placements_Guard_Update"); });
        });
        Table<Waitlist>(b, "Waitlists", e =>
            e.HasMany(x => x.Entries).WithOne(x => x.Waitlist).HasForeignKey(x => x.WaitlistId).OnDelete(DeleteBehavior.Restrict));
        Table<WaitlistEntry>(b, "WaitlistEntries", e =>
            e.HasMany(x => x.Offers).WithOne(x => x.Entry).HasForeignKey(x => x.WaitlistEntryId).OnDelete(DeleteBehavior.Restrict));
        Table<Offer>(b, "Offers", e =>
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict));
        Table<BedHold>(b, "BedHolds", e =>
        {
            e.HasOne(x => x.Facility).WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        Table<Turnaway>(b, "Turnaways", e =>
        {
            e.HasOne(x => x.Facility).WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void Table<T>(ModelBuilder b, string table, Action<Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T>> configure)
        where T : Entity
    {
        var e = b.Entity<T>();
        e.ToTable(table);
        e.HasKey(x => x.Id);
        e.Property(x => x.Version).IsConcurrencyToken();
        configure(e);
    }

    public const string CprHash = "CprHash";

    /// <summary>Every changed record gets a new Version, which is its ETag and its concurrency token; new persons get their CPR hash.</summary>
    public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(cancellationToken);
    }

    public override int SaveChanges()
    {
        BeforeSave();
        return base.SaveChanges();
    }

    private void BeforeSave()
    {
        foreach (var entry in ChangeTracker.Entries<Entity>().Where(e => e.State == EntityState.Modified))
            entry.Entity.BumpVersion();
        foreach (var entry in ChangeTracker.Entries<Person>().Where(e => e.State == EntityState.Added))
            entry.Property(CprHash).CurrentValue = Security.CprProtection.Hash(entry.Entity.Cpr.Value);
    }
}
