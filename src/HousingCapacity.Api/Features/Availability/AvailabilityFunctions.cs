using HousingCapacity.Api.Data;
using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.OData;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HousingCapacity.Api.Features.Availability;

/// <summary>
/// <c>Facilities/HousingCapacity.Availability(date=…)</c>: free beds per active facility for one night (default tonight,
/// Copenhagen time) — beds in service − occupied − held — with the age of the newest capacity report.
/// </summary>
public static class AvailabilityFunction
{

    public static async Task<List<FacilityAvailability>> ComputeAsync(HousingDbContext db, LocalDate night, IClock clock, CancellationToken ct) =>
        ComputeFor(await ActiveFacilitiesAsync(db, ct), night, clock, await CountsAsync(db, night, clock, ct));

    /// <summary>The facilities the caller may see (staff: their own); the counts below are over everything.</summary>
    public static Task<List<Facility>> ActiveFacilitiesAsync(HousingDbContext db, CancellationToken ct) =>
        db.Facilities.Where(f => f.IsActive).OrderBy(f => f.Id).ToListAsync(ct);

    /// <summary>Beds in service, people, holds and the newest report per facility for one night: one grouped query each.</summary>
    public sealed record Counts(Dictionary<int, int> Beds, Dictionary<int, int> Occupied, Dictionary<int, int> Held, Dictionary<int, DateTimeOffset> LastReport);

    public static async Task<Counts> CountsAsync(HousingDbContext db, LocalDate night, IClock clock, CancellationToken ct)
    {
        var beds = await db.Unscoped<Unit>().Where(u => u.Status == UnitStatus.InService)
            .GroupBy(u => u.FacilityId).Select(g => new { FacilityId = g.Key, Beds = g.Sum(u => u.Beds) }).ToDictionaryAsync(x => x.FacilityId, x => x.Beds, ct);
        var date = night.ToDateOnly();
        var occupied = await db.Unscoped<Placement>().Where(p => p.StartDate <= date && (p.EndDate == null || p.EndDate > date))
            .GroupBy(p => p.FacilityId).Select(g => new { FacilityId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.FacilityId, x => x.N, ct);
        var reports = await db.Unscoped<CapacityReport>().GroupBy(r => r.FacilityId)
            .Select(g => new { FacilityId = g.Key, Last = g.Max(r => r.ReportedAt) }).ToDictionaryAsync(x => x.FacilityId, x => x.Last, ct);
        var now = clock.GetCurrentInstant().ToUtc();
        var held = await db.Unscoped<BedHold>().Where(h => h.Night == date && h.ReleasedAt == null && h.ExpiresAt > now)
            .GroupBy(h => h.FacilityId).Select(g => new { FacilityId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.FacilityId, x => x.N, ct);
        return new Counts(beds, occupied, held, reports);
    }

    public static List<FacilityAvailability> ComputeFor(IEnumerable<Facility> facilities, LocalDate night, IClock clock, Counts counts)
    {
        var now = clock.GetCurrentInstant();
        return facilities.Select(f =>
        {
            var inService = counts.Beds.GetValueOrDefault(f.Id);
            var taken = counts.Occupied.GetValueOrDefault(f.Id);
            var holds = counts.Held.GetValueOrDefault(f.Id);
            DateTimeOffset? last = counts.LastReport.TryGetValue(f.Id, out var l) ? l : null;
            return new FacilityAvailability
            {
                FacilityId = f.Id, FacilityName = f.Name, Kind = f.Kind, MunicipalityId = f.MunicipalityId,
                GenderRestriction = f.GenderRestriction, MinAge = f.MinAge, MaxAge = f.MaxAge, Date = night.ToDateOnly(),
                BedsInService = inService, BedsOccupied = taken, BedsHeld = holds, BedsFree = Math.Max(0, inService - taken - holds),
                LastReportedAt = last, ReportAgeMinutes = last is null ? null : (int)(now - last.Value.ToInstant()).TotalMinutes,
            };
        }).ToList();
    }
}

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
        var overlapping = await PlacementAllocation.Overlapping(db.Unscoped<Placement>().Where(p => p.PersonId == person.Id), stay).CountAsync(ct);
        var result = new List<FacilityAvailability>();
        if (overlapping > 0) return result; // already has a bed that night
        var facilities = await AvailabilityFunction.ActiveFacilitiesAsync(db, ct);
        var available = AvailabilityFunction.ComputeFor(facilities, night, context.Clock, await AvailabilityFunction.CountsAsync(db, night, context.Clock, ct))
            .Where(a => a.BedsFree > 0).ToList();
        var byId = facilities.ToDictionary(f => f.Id);
        var facilityIds = available.Select(a => a.FacilityId).ToList();
        // The units of those facilities, and for each the people and the others' holds that night: three queries in all.
        var units = (await db.Unscoped<Unit>().Where(u => facilityIds.Contains(u.FacilityId) && u.Status == UnitStatus.InService).OrderBy(u => u.Id).ToListAsync(ct))
            .ToLookup(u => u.FacilityId);
        var date = night.ToDateOnly();
        var occupied = await db.Unscoped<Placement>().Where(p => facilityIds.Contains(p.FacilityId) && p.StartDate <= date && (p.EndDate == null || p.EndDate > date))
            .GroupBy(p => p.UnitId).Select(g => new { UnitId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.UnitId, x => x.N, ct);
        var now = context.Clock.GetCurrentInstant().ToUtc();
        var heldForOthers = await db.Unscoped<BedHold>().Where(h => facilityIds.Contains(h.FacilityId) && h.Night == date && h.ReleasedAt == null && h.ExpiresAt > now
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
                    peak, peak < unit.Beds && peak + held >= unit.Beds, 0);
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
