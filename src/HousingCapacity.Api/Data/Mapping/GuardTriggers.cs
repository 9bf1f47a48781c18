using Microsoft.EntityFrameworkCore.Metadata;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>
/// The database's guard triggers (migrations 0003, 0007 and 0008): EF must know a table has triggers, so that it does not rely
/// on RETURNING alone when it saves to it. The date guards are derived from the model: every table with a date or an instant
/// has them, and SchemaTests checks that the database has each trigger declared here.
/// </summary>
public static class GuardTriggers
{
    public static void Declare(ModelBuilder b)
    {
        b.Entity<Municipality>().ToTable(t => t.HasTrigger("TR_Municipalities_CodeImmutable"));
        b.Entity<Unit>().ToTable(t =>
        {
            t.HasTrigger("TR_Units_Beds_Guard");
            t.HasTrigger("TR_Units_OutOfService_Guard");
        });
        b.Entity<Placement>().ToTable(t =>
        {
            t.HasTrigger("TR_Placements_FollowUpDate_Insert");
            t.HasTrigger("TR_Placements_FollowUpDate_Update");
        });
        b.Entity<AccessLogEntry>().ToTable(t => t.HasTrigger("TR_AccessLog_NoReplace"));
        foreach (var table in DatedTables(b.Model))
        {
            var name = b.Entity(table).Metadata.GetTableName();
            b.Entity(table).ToTable(t =>
            {
                t.HasTrigger($"TR_{name}_Dates_Insert");
                t.HasTrigger($"TR_{name}_Dates_Update");
            });
        }
    }

    /// <summary>The tables of the model with a date or an instant column.</summary>
    public static IReadOnlyList<Type> DatedTables(IReadOnlyModel model) =>
        model.GetEntityTypes().Where(t => t.GetTableName() is not null && t.GetViewName() is null
                && t.GetProperties().Any(p => IsDate(Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)))
            .Select(t => t.ClrType).ToList();

    private static bool IsDate(Type clr) => clr == typeof(DateOnly) || clr == typeof(Instant) || clr == typeof(LocalDate);
}
