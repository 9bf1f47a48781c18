using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Data;

/// <summary>Properties declared per kind of record (the dates users give, the texts people write), as a save sets them.</summary>
public static class DeclaredProperties
{
    /// <summary>Each declared property a new record has, or a changed record has changed, with its new value.</summary>
    public static IEnumerable<(string Property, object? Value)> SetBy(IEnumerable<EntityEntry<Entity>> changes,
        IReadOnlyDictionary<Type, string[]> declared)
    {
        foreach (var change in changes.Where(c => c.State is EntityState.Added or EntityState.Modified))
            foreach (var property in declared.GetValueOrDefault(change.Entity.GetType(), []))
            {
                var entry = change.Property(property);
                if (change.State == EntityState.Added || entry.IsModified) yield return (property, entry.CurrentValue);
            }
    }
}
