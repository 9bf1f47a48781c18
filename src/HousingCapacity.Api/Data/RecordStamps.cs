using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Data;

/// <summary>
/// The save step that stamps what the database derives from a record: a changed record's new <see cref="Entity.Version"/> (its
/// ETag and concurrency token), a person's CPR look-up hash when the number is set, and a new stay's facility municipality
/// (migration 0010: the officers' scope filter reads it from the stay, so that it is indexable).
/// </summary>
public static class RecordStamps
{
    public static async Task ApplyAsync(HousingDbContext db, IReadOnlyList<EntityEntry<Entity>> changes, CancellationToken ct)
    {
        foreach (var entry in changes.Where(e => e.State == EntityState.Modified))
            entry.Entity.BumpVersion();
        // The lookup hash follows the number: set when a person is registered with one or gets one later.
        foreach (var entry in changes.Where(e => e.Entity is Person { Cpr: not null }
                     && (e.State == EntityState.Added || e.State == EntityState.Modified && e.Property(nameof(Person.Cpr)).IsModified)))
            entry.Property(HousingDbContext.CprHash).CurrentValue = db.Shared.Cpr.Hash(((Person)entry.Entity).Cpr!);
        await SetFacilityMunicipalitiesAsync(db, changes.Where(e => e.Entity is Placement && e.State == EntityState.Added).ToList(), ct);
    }

    /// <summary>
    /// New stays get their facility's municipality: from the facilities tracked, the rest in one query (the seed adds 70,000
    /// stays; a query each was a round trip each on PostgreSQL). A stay of a facility not saved yet is filled by the trigger.
    /// </summary>
    private static async Task SetFacilityMunicipalitiesAsync(HousingDbContext db, List<EntityEntry<Entity>> newStays,
        CancellationToken ct)
    {
        if (newStays.Count == 0) return;
        var municipalities = new Dictionary<int, int>();
        foreach (var facility in db.ChangeTracker.Entries<Facility>())
            if (facility.Entity.Id > 0) municipalities.TryAdd(facility.Entity.Id, facility.Entity.MunicipalityId);
        var missing = newStays.Select(e => ((Placement)e.Entity).FacilityId).Where(id => id > 0 && !municipalities.ContainsKey(id))
            .Distinct().ToList();
        if (missing.Count > 0)
            foreach (var f in await db.Unscoped<Facility>().Where(f => missing.Contains(f.Id)).Select(f => new { f.Id, f.MunicipalityId })
                         .ToListAsync(ct))
                municipalities[f.Id] = f.MunicipalityId;
        foreach (var entry in newStays)
            entry.Property(HousingDbContext.FacilityMunicipalityId).CurrentValue =
                municipalities.TryGetValue(((Placement)entry.Entity).FacilityId, out var m) ? m : null;
    }
}
