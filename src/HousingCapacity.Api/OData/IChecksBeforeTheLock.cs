namespace HousingCapacity.Api.OData;

/// <summary>
/// A writer whose create runs its rules on committed data before the write lock is taken, and under the lock only re-checks
/// what a concurrent write can have changed (an allocation: the chosen bed). It takes the write itself
/// (<see cref="HousingDbContext.WriteAsync{T}"/>), as often as it needs, so that a failed re-check is answered by running the
/// rules again outside the lock rather than inside it.
/// </summary>
public interface IChecksBeforeTheLock
{
    /// <summary>Creates and saves the record, or returns the refusal; the database is unchanged by a refusal.</summary>
    Task<Outcome<Entity>> CreateCheckedAsync(HousingDbContext db, EntityValues values, WriteContext context);
}
