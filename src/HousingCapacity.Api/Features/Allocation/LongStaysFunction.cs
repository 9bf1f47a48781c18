using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// <c>Placements/HousingCapacity.LongStays(date=…, warnings=…)</c>: persons whose §110 counting year has passed its threshold
/// on the date (and, with <c>warnings=true</c>, those who have reached an early warning). The counting year is anchored on the
/// person's first §110 night and resets one year later (Domain/CountingYear.cs); every §110 night counts, wherever it was.
/// </summary>
public sealed class LongStaysFunction(IOptions<PlacementPolicy> policy)
{
    public async Task<List<LongStay>> InvokeAsync(HousingDbContext db, LocalDate date, bool warnings, WriteContext context)
    {
        var rules = policy.Value.CountingYearRules();
        // A counting year that contains the date began at most a year before it; where it began depends on the person's whole
        // chain of years since the reform, so those persons' §110 stays are read back to then.
        var (from, to, reform) = (date.PlusYears(-1).ToDateOnly(), date.PlusDays(1).ToDateOnly(), rules.CountFrom.ToDateOnly());
        // A person is listed only with a stay the caller may see (and so only a person the caller may see). Separate queries:
        // IgnoreQueryFilters would also lift the filter from a subquery.
        var visibleStays = (await db.Placements
            .Where(p => p.LegalBasis == LegalBasis.Section110 && p.StartDate < to && (p.EndDate == null || p.EndDate > from))
            .Select(p => new { p.Id, p.PersonId }).ToListAsync(context.Cancellation));
        if (visibleStays.Count == 0) return [];
        var personIds = visibleStays.Select(s => s.PersonId).Distinct().ToList();
        var visible = visibleStays.Select(s => s.Id).ToHashSet();
        var stays = await db.Unscoped<Placement>()
            .Where(p => personIds.Contains(p.PersonId) && p.LegalBasis == LegalBasis.Section110 && p.StartDate < to
                        && (p.EndDate == null || p.EndDate > reform))
            .Select(p => new { p.Id, p.PersonId, p.FacilityId, p.StartDate, p.EndDate })
            .ToListAsync(context.Cancellation);
        var noticed = await NoticedStays.Section110Nights.NoticedAsync(db,
            db.Unscoped<Person>().Where(p => personIds.Contains(p.Id)).Select(p => p.Id), reform, to, context.Cancellation);
        var result = new List<LongStay>();
        foreach (var person in stays.GroupBy(s => s.PersonId))
        {
            var latest = person.Where(s => visible.Contains(s.Id)).OrderByDescending(s => s.StartDate).ThenByDescending(s => s.Id)
                .FirstOrDefault();
            if (latest is null) continue;
            var year = CountingYear.Of(person.Select(s => new DateRange(s.StartDate, s.EndDate)).Concat(noticed[person.Key]), date, rules)
                .LastOrDefault(y => y.Contains(date));
            if (year is null) continue;
            var status = year.StatusOn(rules, date);
            if (status.ThresholdPassedOn is null && (!warnings || status.WarningLevel is null)) continue;
            result.Add(new LongStay
            {
                PersonId = person.Key,
                PlacementId = latest.Id,
                FacilityId = latest.FacilityId,
                WindowStart = year.Start.ToDateOnly(),
                ResetsOn = year.ResetOn.ToDateOnly(),
                Section110Nights = status.Nights,
                Threshold = status.Threshold,
                NightsPastThreshold = status.NightsPastThreshold,
                ThresholdPassedOn = status.ThresholdPassedOn?.ToDateOnly(),
                WarningLevel = status.WarningLevel,
                Status = status.ThresholdPassedOn is null ? "Warning" : "PastThreshold",
                Ongoing = latest.EndDate is null || latest.EndDate > date.ToDateOnly(),
            });
        }
        return [.. result.OrderByDescending(r => r.Section110Nights).ThenBy(r => r.PersonId)];
    }
}
