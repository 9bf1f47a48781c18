using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.Features.YouthPolicies;
using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Availability;

/// <summary>
/// <c>Persons({id})/HousingCapacity.EligiblePlaces(date=…)</c>: the facilities with a free bed that night where every
/// placement rule passes for this person without an exception — what an officer asks first.
/// </summary>
public sealed class EligiblePlacesFunction(IOptions<PlacementPolicy> policy)
{

    public async Task<List<FacilityAvailability>> InvokeAsync(HousingDbContext db, Person person, LocalDate night, WriteContext context)
    {
        var stay = new DateRange(night, night.PlusDays(1));
        var ct = context.Cancellation;
        var overlapping = await db.Unscoped<Placement>().Where(p => p.PersonId == person.Id).Overlapping(stay).CountAsync(ct);
        var result = new List<FacilityAvailability>();
        if (overlapping > 0) return result; // already has a bed that night
        var facilities = await AvailabilityFunction.ActiveFacilitiesAsync(db, ct);
        var available = AvailabilityFunction.ComputeFor(facilities, night, context.Clock, await AvailabilityFunction.CountsAsync(db, night,
            context.Clock, policy.Value, ct))
            .Where(a => a.BedsFree > 0).ToList();
        var byId = facilities.ToDictionary(f => f.Id);
        var youthRules = await YouthRules.AllAsync(db, policy.Value, ct);
        var facilityIds = available.Select(a => a.FacilityId).ToList();
        // The units of those facilities, and for each the people and the others' holds that night: three queries in all.
        var date = night.ToDateOnly();
        var units = (await db.Unscoped<Unit>().Where(u => facilityIds.Contains(u.FacilityId)).Where(Unit.BookableOn(date))
            .OrderBy(u => u.Id).ToListAsync(ct))
            .ToLookup(u => u.FacilityId);
        var occupied = await db.Unscoped<Placement>().Where(p => facilityIds.Contains(p.FacilityId) && p.StartDate <= date
            && (p.EndDate == null || p.EndDate > date))
            .GroupBy(p => p.UnitId).Select(g => new { UnitId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.UnitId, x => x.N, ct);
        var now = context.Clock.GetCurrentInstant().ToUtc();
        var heldForOthers = await db.Unscoped<BedHold>().Where(h => facilityIds.Contains(h.FacilityId) && h.Night == date
            && h.ReleasedAt == null && h.ExpiresAt > now
                                                         && (h.PersonId == null || h.PersonId != person.Id))
            .GroupBy(h => h.UnitId).Select(g => new { UnitId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.UnitId, x => x.N, ct);
        foreach (var a in available)
        {
            var facility = byId[a.FacilityId];
            foreach (var unit in units[facility.Id])
            {
                var peak = occupied.GetValueOrDefault(unit.Id);
                var held = heldForOthers.GetValueOrDefault(unit.Id);
                // A Housing First home would name its support method; any method will do for "could they be placed".
                var candidate = new PlacementCandidate(person, facility, unit, stay,
                    facility.Kind == FacilityKind.HousingFirst ? SupportMethod.ICM : SupportMethod.None, null,
                    peak, peak < unit.Beds && peak + held >= unit.Beds, 0, youthRules(facility.MunicipalityId, night));
                if (PlacementRule.Broken(candidate, policy.Value).Count == 0)
                {
                    result.Add(a);
                    break;
                }
            }
        }
        return result;
    }
}
