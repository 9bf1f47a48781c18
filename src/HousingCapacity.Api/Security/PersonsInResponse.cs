namespace HousingCapacity.Api.Security;

/// <summary>
/// The persons whose data the current response carries (a scoped service the OData serializer fills). A record that holds its
/// person's id names it (<see cref="PersonReaches"/>); one read with <c>$select</c>, or one that reaches its person through another
/// record, is noted by its key and its person looked up before the answer leaves.
/// </summary>
public sealed class PersonsInResponse
{
    private readonly HashSet<int> _ids = [];
    private readonly Dictionary<Type, HashSet<int>> _records = [];

    public void Saw(int personId) => _ids.Add(personId);

    /// <summary>Notes the person a record is about.</summary>
    public void Saw(Entity record)
    {
        var reach = PersonReaches.Of(record.GetType());
        if (!reach.InRecord) SawRecord(record.GetType(), record.Id);
        else if (reach.PersonOf(record) is { } id) _ids.Add(id);
    }

    /// <summary>Notes a record by type and key, whose person is looked up later.</summary>
    public void SawRecord(Type type, int id)
    {
        if (!_records.TryGetValue(type, out var ids)) _records[type] = ids = [];
        ids.Add(id);
    }

    public bool Any => _ids.Count > 0 || _records.Count > 0;

    public async Task<IReadOnlyCollection<int>> ResolveAsync(HousingDbContext db, CancellationToken ct)
    {
        foreach (var (type, ids) in _records)
            _ids.UnionWith(await PersonReaches.Of(type).PersonsOfAsync(db, ids, ct));
        _records.Clear();
        return _ids;
    }
}
