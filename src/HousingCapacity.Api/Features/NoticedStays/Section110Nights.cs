namespace HousingCapacity.Api.Features.NoticedStays;

/// <summary>
/// The one place that knows where a person's §110 nights are recorded: their stays here whose legal basis is §110, and the
/// stays at places outside this system known from a notice (<see cref="NoticedStay"/>). Every counting year is read from here
/// (a person's page and CountingYear, LongStays, the month's report), so a night counts wherever it was.
/// </summary>
public static class Section110Nights
{
    /// <summary>The noticed stays of these persons that have a night after <paramref name="after"/> and begin before
    /// <paramref name="before"/>, by person.</summary>
    public static async Task<ILookup<int, DateRange>> NoticedAsync(HousingDbContext db, IQueryable<int> persons, DateOnly after,
        DateOnly before, CancellationToken ct) =>
        (await db.Unscoped<NoticedStay>().AsNoTracking()
            .Where(n => persons.Contains(n.PersonId) && n.StartDate < before && (n.EndDate == null || n.EndDate > after))
            .Select(n => new { n.PersonId, n.StartDate, n.EndDate }).ToListAsync(ct))
        .ToLookup(n => n.PersonId, n => new DateRange(n.StartDate, n.EndDate));
}
