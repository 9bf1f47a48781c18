using HousingCapacity.Domain;

namespace HousingCapacity.Seed;

/// <summary>Where generated records go. After <see cref="SaveAsync"/> the entities carry their database Ids.</summary>
public interface IDemoDataStore
{
    Task SaveAsync(IReadOnlyCollection<Entity> entities);
}
