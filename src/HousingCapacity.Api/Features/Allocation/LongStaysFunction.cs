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
        // A counting year that contains the date began at most a year before it. A person is listed only with a stay the caller
        // may see (and so only a person the caller may see), read from the indexes of a period (StayDates), not all of history.
        var visible = await db.Placements.Where(p => p.LegalBasis == LegalBasis.Section110)
            .Overlapping(new DateRange(date.PlusYears(-1), date.PlusDays(1))).Select(p => new { p.Id, p.PersonId })
            .ToListAsync(context.Cancellation);
        return await OfStaysAsync(db, visible.Select(s => (s.Id, s.PersonId)).ToList(), date, warnings, context.Cancellation);
    }

    /// <summary>
    /// The counting years on <paramref name="date"/> of the persons of these §110 stays, each listed with the latest of them: the
    /// board asks for tonight's guests only, not for everyone the place has had in a year.
    /// </summary>
    public async Task<List<LongStay>> OfStaysAsync(HousingDbContext db, IReadOnlyCollection<(int Id, int PersonId)> visibleStays,
        LocalDate date, bool warnings, CancellationToken ct)
    {
        var rules = policy.Value.CountingYearRules();
        var (to, countFrom) = (date.PlusDays(1), rules.CountFrom);
        // No night before the counting year applied (1 October 2023) counts, so no counting year contains an earlier date.
        if (visibleStays.Count == 0 || to <= countFrom) return [];
        var personIds = visibleStays.Select(s => s.PersonId).Distinct().ToList();
        var visible = visibleStays.Select(s => s.Id).ToHashSet();
        // Where the year began depends on the person's whole chain of years since then, so their §110 stays (anywhere: separate
        // queries, as IgnoreQueryFilters would also lift the filter from a subquery) are read back to then, by the person index;
        // nights are counted only for the year that contains the date (CountingYear.Of's resetAfter).
        var stays = await db.Unscoped<Placement>()
            .Where(p => personIds.Contains(p.PersonId) && p.LegalBasis == LegalBasis.Section110).Overlapping(new DateRange(countFrom, to))
            .Select(p => new { p.Id, p.PersonId, p.FacilityId, p.StartDate, p.EndDate })
            .ToListAsync(ct);
        var noticed = await NoticedStays.Section110Nights.NoticedAsync(db,
            db.Unscoped<Person>().Where(p => personIds.Contains(p.Id)).Select(p => p.Id), countFrom.ToDateOnly(), to.ToDateOnly(), ct);
        var result = new List<LongStay>();
        foreach (var person in stays.GroupBy(s => s.PersonId))
        {
            var latest = person.Where(s => visible.Contains(s.Id)).OrderByDescending(s => s.StartDate).ThenByDescending(s => s.Id)
                .FirstOrDefault();
            if (latest is null) continue;
            var year = CountingYear.Of(person.Select(s => new DateRange(s.StartDate, s.EndDate)).Concat(noticed[person.Key]), date, rules,
                resetAfter: date)
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
