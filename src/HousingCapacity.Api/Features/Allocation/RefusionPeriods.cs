namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// The §176 a refusion claim of the caller's municipality: the ended §110 stays it is handlekommune for with a decision that
/// qualifies, each with its period (<see cref="Section176a"/>). A period is reckoned over all of the person's qualifying
/// discharges, wherever they were, since stk. 3 counts from the first; only the caller's own stays are listed.
/// </summary>
public static class RefusionPeriods
{
    public static async Task<List<RefusionPeriod>> OfAsync(HousingDbContext db, Caller caller, CancellationToken ct)
    {
        var municipality = caller.MunicipalityId ?? 0;
        var own = await db.Placements.Where(p => p.LegalBasis == LegalBasis.Section110 && p.EndDate != null
                && p.FollowUpDecidedOn != null && p.ResponsibleMunicipalityId == municipality)
            .Select(p => new { p.Id, p.PersonId, p.FacilityId }).ToListAsync(ct);
        if (own.Count == 0) return [];
        var persons = own.Select(p => p.PersonId).Distinct().ToList();
        var stays = await db.Unscoped<Placement>().Where(p => persons.Contains(p.PersonId) && p.LegalBasis == LegalBasis.Section110
                && p.EndDate != null && p.FollowUpDecidedOn != null)
            .Select(p => new { p.Id, p.PersonId, p.EndDate, p.FollowUpSupport, p.FollowUpDecidedOn, p.HousingSupportAfter107DecidedOn })
            .ToListAsync(ct);
        var facilityOf = own.ToDictionary(p => p.Id, p => p.FacilityId);
        return Section176a.Claims(stays.Select(s => new Section176a.Stay(s.Id, s.PersonId, s.EndDate!.Value.ToLocalDate(),
                s.FollowUpSupport, s.FollowUpDecidedOn.ToLocalDate(), s.HousingSupportAfter107DecidedOn.ToLocalDate())))
            .Where(c => facilityOf.ContainsKey(c.PlacementId))
            .Select(c => new RefusionPeriod
            {
                PlacementId = c.PlacementId, PersonId = c.PersonId, FacilityId = facilityOf[c.PlacementId], Route = c.Route,
                DecidedOn = c.DecidedOn.ToDateOnly(), DischargedOn = c.DischargedOn.ToDateOnly(), PeriodStart = c.PeriodStart.ToDateOnly(),
                PeriodEnd = c.PeriodEnd.ToDateOnly(), StartsPeriod = c.StartsPeriod,
            }).ToList();
    }
}
