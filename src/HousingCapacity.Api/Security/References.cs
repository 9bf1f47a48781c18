namespace HousingCapacity.Api.Security;

/// <summary>
/// The records a write names by id (PersonId, UnitId, FacilityId, …). A write may name only records the caller can read:
/// the lookup goes through the context's query filters, before any rule runs, and a record out of sight gets exactly the
/// answer a missing one gets (404 ReferenceNotFound), so that neither a rule's answer nor a side effect tells whether it
/// exists. Rules that must count everything look further with <see cref="HousingDbContext.Unscoped{T}"/> only afterwards.
/// </summary>
public static class References
{
    /// <summary>The record, as the caller may see it; 404 when there is none or it is out of the caller's sight.</summary>
    public static async Task<T> VisibleAsync<T>(HousingDbContext db, int id, string property, CancellationToken ct) where T : Entity =>
        await db.Set<T>().SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound(property, id);

    public static async Task EnsureVisibleAsync<T>(HousingDbContext db, int id, string property, CancellationToken ct) where T : Entity
    {
        if (!await db.Set<T>().AnyAsync(e => e.Id == id, ct)) throw NotFound(property, id);
    }

    /// <summary>Thrown from deep inside a workflow, whose write it rolls back; answered as any refusal.</summary>
    public static RefusedException NotFound(string property, int id) =>
        new Refusal(RefusalKind.NotFound, "ReferenceNotFound", $"{property} peger på en post ({id}), der ikke findes.",
            $"{property} refers to a record ({id}) that does not exist.", property).AsException();
}
