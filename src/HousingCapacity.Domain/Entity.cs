namespace HousingCapacity.Domain;

/// <summary>
/// Every record has a database-assigned Id and a Version that goes up by one on each change.
/// The Version is the optimistic-concurrency token and the source of the OData ETag.
/// </summary>
public abstract class Entity
{
    public int Id { get; private set; }
    public int Version { get; private set; } = 1;

    /// <summary>Called by the storage layer when a changed record is saved.</summary>
    public void BumpVersion() => Version++;
}
