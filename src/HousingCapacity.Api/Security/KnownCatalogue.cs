using System.Collections.Concurrent;

namespace HousingCapacity.Api.Security;

/// <summary>
/// What every request's authentication asks of the catalogue — the Id of the token's municipality code, and the municipality of
/// each facility a staff token names — read once per database (<see cref="Data.HousingDatabase"/>) instead of at every request (issue 14:
/// two queries
/// before any work). Both answers never change once there: a municipality's code is immutable and municipalities are never
/// removed (migration 0008, the `municipality` command), and a facility never moves to another municipality (FacilityWriter).
/// Only what exists is remembered, so a municipality or facility created later is found then.
/// </summary>
public sealed class KnownCatalogue
{
    private readonly ConcurrentDictionary<int, int> _municipalityIdByCode = new();
    private readonly ConcurrentDictionary<int, int> _municipalityIdByFacility = new();

    public async Task<int?> MunicipalityIdAsync(int code, Func<HousingDbContext> lookup, CancellationToken ct)
    {
        if (_municipalityIdByCode.TryGetValue(code, out var known)) return known;
        var id = await lookup().Unscoped<Municipality>().Where(m => m.Code == code).Select(m => (int?)m.Id).SingleOrDefaultAsync(ct);
        if (id is { } found) _municipalityIdByCode[code] = found;
        return id;
    }

    /// <summary>Those of <paramref name="facilities"/> that belong to the municipality.</summary>
    public async Task<List<int>> FacilitiesOfAsync(int municipalityId, IReadOnlyCollection<int> facilities, Func<HousingDbContext> lookup,
        CancellationToken ct)
    {
        var unknown = facilities.Where(f => !_municipalityIdByFacility.ContainsKey(f)).ToList();
        if (unknown.Count > 0)
            foreach (var f in await lookup().Unscoped<Facility>().Where(f => unknown.Contains(f.Id))
                         .Select(f => new { f.Id, f.MunicipalityId }).ToListAsync(ct))
                _municipalityIdByFacility[f.Id] = f.MunicipalityId;
        return facilities.Where(f => _municipalityIdByFacility.TryGetValue(f, out var m) && m == municipalityId).ToList();
    }
}
