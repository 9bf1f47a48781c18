namespace HousingCapacity.Api.Features.YouthPolicies;

/// <summary>The youth rule in force at a place on a date: the policy of the municipality that runs the place.</summary>
public static class YouthRules
{
    public static async Task<YouthRuleInForce> AtAsync(HousingDbContext db, int municipalityId, LocalDate on, PlacementPolicy defaults,
        CancellationToken ct)
    {
        var name = await db.Unscoped<Municipality>().Where(m => m.Id == municipalityId).Select(m => m.Name).SingleAsync(ct);
        var history = await db.Unscoped<YouthPolicy>().AsNoTracking().Where(p => p.MunicipalityId == municipalityId).ToListAsync(ct);
        return YouthRuleInForce.Of(history, on, name, defaults);
    }

    /// <summary>Every municipality's policy history, for figures over many stays (the monthly report).</summary>
    public static async Task<Func<int, LocalDate, YouthRuleInForce>> AllAsync(HousingDbContext db, PlacementPolicy defaults,
        CancellationToken ct)
    {
        var names = await db.Unscoped<Municipality>().ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var histories = (await db.Unscoped<YouthPolicy>().AsNoTracking().ToListAsync(ct)).ToLookup(p => p.MunicipalityId);
        return (municipalityId, on) =>
            YouthRuleInForce.Of(histories[municipalityId], on, names.GetValueOrDefault(municipalityId, ""), defaults);
    }
}
