namespace HousingCapacity.Api.OData;

/// <summary>
/// Creates and changes the records of one entity set, through the domain's constructors and methods. A rule that refuses the write
/// is returned (an entity's own invariant is thrown, as its constructor cannot return it); either way the write is rolled back.
/// </summary>
public interface IEntitySetWriter
{
    /// <summary>Properties a client may send when creating.</summary>
    IReadOnlySet<string> Insertable { get; }
    /// <summary>Properties a client may change afterwards.</summary>
    IReadOnlySet<string> Updatable { get; }
    /// <summary>Creates a record, or (for an upsert) changes the existing one; Created says which.</summary>
    Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues values, WriteContext context);
    /// <summary>Changes the record; null, or the refusal.</summary>
    Task<Refusal?> UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context);
    /// <summary>False where records are history that must not be rewritten or erased (e.g. placements).</summary>
    bool AllowsUpdate => true;
    bool AllowsDelete => true;
}
