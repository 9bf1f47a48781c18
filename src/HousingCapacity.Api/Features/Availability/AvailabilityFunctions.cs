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
public sealed class AvailabilityFunction : IEntityFunction
{
    public string EntitySet => "Facilities";
    public string Name => "Availability";

    public async Task<IReadOnlyList<object>> InvokeAsync(HousingDbContext db, Entity? bound, EntityValues parameters, WriteContext context) =>
        await ComputeAsync(db, parameters.Optional<LocalDate?>("date", null) ?? DanishTime.Today(context.Clock), context.Clock, context.Cancellation);

    public static async Task<List<FacilityAvailability>> ComputeAsync(HousingDbContext db, LocalDate night, IClock clock, CancellationToken ct)
    {
        var facilities = await db.Facilities.Where(f => f.IsActive).OrderBy(f => f.Id).ToListAsync(ct);
        var beds = await db.Units.Where(u => u.Status == UnitStatus.InService)
            .GroupBy(u => u.FacilityId).Select(g => new { FacilityId = g.Key, Beds = g.Sum(u => u.Beds) }).ToDictionaryAsync(x => x.FacilityId, x => x.Beds, ct);
        var occupied = await db.Placements.Where(p => p.StartDate <= night && (p.EndDate == null || p.EndDate > night))
            .GroupBy(p => p.FacilityId).Select(g => new { FacilityId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.FacilityId, x => x.N, ct);
        var reports = await db.CapacityReports.GroupBy(r => r.FacilityId)
            .Select(g => new { FacilityId = g.Key, Last = g.Max(r => r.ReportedAt) }).ToDictionaryAsync(x => x.FacilityId, x => x.Last, ct);
        var now = clock.GetCurrentInstant();
        var held = await db.BedHolds.Where(h => h.Night == night && h.ReleasedAt == null && h.ExpiresAt > now)
            .GroupBy(h => h.FacilityId).Select(g => new { FacilityId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.FacilityId, x => x.N, ct);
        return facilities.Select(f =>
        {
            var inService = beds.GetValueOrDefault(f.Id);
            var taken = occupied.GetValueOrDefault(f.Id);
            var holds = held.GetValueOrDefault(f.Id);
            Instant? last = reports.TryGetValue(f.Id, out var l) ? l : null;
            return new FacilityAvailability
            {
                FacilityId = f.Id, FacilityName = f.Name, Kind = f.Kind, MunicipalityId = f.MunicipalityId,
                GenderRestriction = f.GenderRestriction, MinAge = f.MinAge, MaxAge = f.MaxAge, Date = night,
                BedsInService = inService, BedsOccupied = taken, BedsHeld = holds, BedsFree = Math.Max(0, inService - taken - holds),
                LastReportedAt = last, ReportAgeMinutes = last is null ? null : (int)(now - last.Value).TotalMinutes,
            };
        }).ToList();
    }
}

/// <summary>
/// <c>Persons({id})/HousingCapacity.EligiblePlaces(date=…)</c>: the facilities with a free bed that night where every
/// placement rule passes for this person without an exception — what an officer asks first.
/// </summary>
public sealed class EligiblePlacesFunction(IOptions<PlacementPolicy> policy) : IEntityFunction
{
    public string EntitySet => "Persons";
    public string Name => "EligiblePlaces";

    public async Task<IReadOnlyList<object>> InvokeAsync(HousingDbContext db, Entity? bound, EntityValues parameters, WriteContext context)
    {
        var person = (Person)bound!;
        var night = parameters.Optional<LocalDate?>("date", null) ?? DanishTime.Today(context.Clock);
        var stay = new DateRange(night, night.PlusDays(1));
        var ct = context.Cancellation;
        var overlapping = await PlacementAllocation.Overlapping(db.Placements.Where(p => p.PersonId == person.Id), stay).CountAsync(ct);
        var result = new List<object>();
        if (overlapping > 0) return result; // already has a bed that night
        var available = await AvailabilityFunction.ComputeAsync(db, night, context.Clock, ct);
        var facilities = await db.Facilities.Where(f => f.IsActive).ToDictionaryAsync(f => f.Id, ct);
        foreach (var a in available.Where(a => a.BedsFree > 0))
        {
            var facility = facilities[a.FacilityId];
            var units = await db.Units.Where(u => u.FacilityId == facility.Id && u.Status == UnitStatus.InService).OrderBy(u => u.Id).ToListAsync(ct);
            foreach (var unit in units)
            {
                var peak = await PlacementAllocation.PeakOccupancyAsync(db, unit.Id, stay, ct);
                var heldForOthers = await Holds.BedHoldWriter.HeldAsync(db, unit.Id, night, context.Clock.GetCurrentInstant(), person.Id, ct);
                // A Housing First home would name its support method; any method will do for "could they be placed".
                var candidate = new PlacementCandidate(person, facility, unit, stay,
                    facility.Kind == FacilityKind.HousingFirst ? SupportMethod.ICM : SupportMethod.None, null,
                    peak, peak < unit.Beds && peak + heldForOthers >= unit.Beds, 0);
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
