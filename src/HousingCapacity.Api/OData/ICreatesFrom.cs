namespace HousingCapacity.Api.OData;

/// <summary>
/// A writer that creates its records from a typed record of what a client may send (<c>New…</c>: its constructor's parameters
/// are the properties accepted, <see cref="EntityValues.NamesOf"/>). POST reads the body into it; a page builds it directly.
/// </summary>
public interface ICreatesFrom<in TNew>
{
    /// <summary>Creates a record, or (for an upsert) changes the existing one; Created says which.</summary>
    Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, TNew record, WriteContext context);
}
