using HousingCapacity.Api.Reporting;

namespace HousingCapacity.Api.Features.Statistics;

/// <summary>
/// The quarters a §110 place reports to Danmarks Statistik, with each deadline and whether the file was fetched. "Fetched" is
/// read from the access log, which records every file that left (the boform's own, or its municipality's file of every boform):
/// the product cannot know whether it then reached virk.dk.
/// </summary>
public static class DstDeliveries
{
    /// <summary>The quarter now running and the four before it: a year of deadlines and the one to come.</summary>
    public static IReadOnlyList<DstQuarter> Recent(LocalDate today)
    {
        var list = new List<DstQuarter> { DstQuarter.Of(today) };
        while (list.Count < 5) list.Add(list[^1].Previous);
        return list;
    }

    /// <summary>The §110 places whose files this caller fetches: a staff member's own, an officer's municipality's.</summary>
    public static async Task<IReadOnlyList<DstExport.Boform>> PlacesOfAsync(HousingDbContext db, Caller caller, CancellationToken ct)
    {
        var places = await db.Unscoped<Facility>().AsNoTracking().Where(f => f.LegalBasis == LegalBasis.Section110)
            .Where(f => caller.Is(Role.ShelterStaff) ? caller.FacilityIds.Contains(f.Id) : f.MunicipalityId == caller.MunicipalityId)
            .OrderBy(f => f.Name)
            .Select(f => new DstExport.Boform(f.Id, f.Name, f.MunicipalityId, f.Municipality!.Code)).ToListAsync(ct);
        return places.Where(p => DstExport.MayFetch(caller, p)).ToList();
    }

    public static async Task<IReadOnlyList<DstDelivery>> OfAsync(HousingDbContext db, IReadOnlyList<DstExport.Boform> places,
        IReadOnlyList<DstQuarter> quarters, CancellationToken ct)
    {
        var operations = places.SelectMany(p => quarters.SelectMany(q => new[]
            { DstExport.BoformOperation(p.Id, q), DstExport.MunicipalityOperation(p.MunicipalityCode, q) })).Distinct().ToList();
        var fetched = (await db.Unscoped<AccessLogEntry>().AsNoTracking().Where(e => operations.Contains(e.Operation))
                .Select(e => new { e.Operation, e.At }).ToListAsync(ct))
            .GroupBy(e => e.Operation).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        Instant? First(params string[] ops) =>
            ops.Select(o => fetched.TryGetValue(o, out var at) ? at : (Instant?)null).Where(a => a is not null).Min();
        return places.SelectMany(p => quarters.Select(q => new DstDelivery(p, q,
            First(DstExport.BoformOperation(p.Id, q), DstExport.MunicipalityOperation(p.MunicipalityCode, q))))).ToList();
    }
}
