using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary><c>Placements/HousingCapacity.LongStays(date=…)</c>: persons past the §110 threshold in the rolling year.</summary>
public sealed class LongStaysFunction(IOptions<PlacementPolicy> policy)
{

    public async Task<List<LongStay>> InvokeAsync(HousingDbContext db, LocalDate date, WriteContext context)
    {
        var windowStart = RollingYear.Start(date);
        var (from, to) = (windowStart.ToDateOnly(), date.PlusDays(1).ToDateOnly());
        // Every §110 night counts, wherever it was; a person is listed only with a stay the caller may see (and so only a
        // person the caller may see). Two queries: IgnoreQueryFilters would also lift the filter from a subquery.
        IQueryable<Placement> Section110InWindow(IQueryable<Placement> placements) => placements
            .Where(p => (p.Facility!.Kind == FacilityKind.Section110Shelter || p.Facility.Kind == FacilityKind.EmergencyBeds)
                        && p.StartDate < to && (p.EndDate == null || p.EndDate > from));
        var stays = await Section110InWindow(db.Unscoped<Placement>())
            .Select(p => new { p.Id, p.PersonId, p.FacilityId, p.StartDate, p.EndDate })
            .ToListAsync(context.Cancellation);
        var visibleStays = (await Section110InWindow(db.Placements).Select(p => p.Id).ToListAsync(context.Cancellation)).ToHashSet();
        var threshold = policy.Value.Section110RefundDays;
        var result = new List<LongStay>();
        foreach (var person in stays.GroupBy(s => s.PersonId))
        {
            var nights = RollingYear.NightsWithin(person.Select(s => new DateRange(s.StartDate.ToLocalDate(), s.EndDate.ToLocalDate())),
                date);
            if (nights.Count <= threshold) continue;
            var latest = person.Where(s => visibleStays.Contains(s.Id)).OrderByDescending(s => s.StartDate).ThenByDescending(s => s.Id).FirstOrDefault();
            if (latest is null) continue;
            result.Add(new LongStay
            {
                PersonId = person.Key,
                PlacementId = latest.Id,
                FacilityId = latest.FacilityId,
                WindowStart = windowStart.ToDateOnly(),
                Section110Nights = nights.Count,
                NightsPastThreshold = nights.Count - threshold,
                ThresholdPassedOn = nights[threshold].ToDateOnly(),
                Ongoing = latest.EndDate is null || latest.EndDate > date.ToDateOnly(),
            });
        }
        return result.OrderByDescending(r => r.Section110Nights).ToList();
    }
}
