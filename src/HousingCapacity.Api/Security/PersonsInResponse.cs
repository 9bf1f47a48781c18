namespace HousingCapacity.Api.Security;

/// <summary>
/// The persons whose data the current response carries (a scoped service the OData serializer fills). A record read in full
/// names its person itself (<see cref="IConcernsPerson"/>); one read with <c>$select</c> may not carry the person's id, so it is
/// noted by its key and its person looked up before the answer leaves.
/// </summary>
public sealed class PersonsInResponse
{
    private readonly HashSet<int> _ids = [];
    private readonly Dictionary<Type, HashSet<int>> _records = [];

    public void Saw(int personId) => _ids.Add(personId);

    /// <summary>Notes the person a record is about (a person, a stay, a waitlist entry, an offer, a turnaway, a hold).</summary>
    public void Saw(object record)
    {
        if (AccessLog.PersonOf(record) is { } id) _ids.Add(id);
        if (record is Offer offer) SawRecord(typeof(WaitlistEntry), offer.WaitlistEntryId);
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
        {
            var list = ids.ToList();
            var load = type;
            // An offer concerns the person of its waitlist entry.
            if (type == typeof(Offer))
                (load, list) = (typeof(WaitlistEntry),
                    await db.Unscoped<Offer>().Where(o => list.Contains(o.Id)).Select(o => o.WaitlistEntryId).ToListAsync(ct));
            foreach (var record in await LoadAsync(db, load, list, ct))
                if (AccessLog.PersonOf(record) is { } person) _ids.Add(person);
        }
        _records.Clear();
        return _ids;
    }

    private static async Task<IEnumerable<object>> LoadAsync(HousingDbContext db, Type type, List<int> ids, CancellationToken ct)
    {
        var method = typeof(PersonsInResponse).GetMethod(nameof(LoadTypedAsync),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return await (Task<IEnumerable<object>>)method.MakeGenericMethod(type).Invoke(null, [db, ids, ct])!;
    }

    private static async Task<IEnumerable<object>> LoadTypedAsync<T>(HousingDbContext db, List<int> ids,
        CancellationToken ct) where T : Entity =>
        await db.Unscoped<T>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
}
