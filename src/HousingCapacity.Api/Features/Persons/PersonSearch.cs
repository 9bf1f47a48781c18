using HousingCapacity.Api.Features.Shared;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>
/// An officer's search for a person, by CPR number (as <c>Persons/FindByCpr</c>: the identification is logged as a read) or by
/// words of the name or alias, a page at a time with the whole count, so that no match is silently left out. Each match is shown
/// with what tells two namesakes apart: birth date and where they sleep tonight.
/// </summary>
public static class PersonSearch
{
    public const int PageSize = 25;

    public sealed record Hit(Person Person, string? PlaceTonight);

    /// <param name="Elsewhere">The CPR number is known, but the person is another municipality's (as <c>Persons({id})</c> would answer
    /// 404).</param>
    public sealed record Result(IReadOnlyList<Hit> Hits, int Total, int Page, bool Elsewhere)
    {
        public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    /// <summary>Why the text cannot be searched for, in Danish; null when it can.</summary>
    public static string? Problem(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length < 2) return "Skriv et CPR-nummer (DDMMÅÅ-XXXX) eller mindst to bogstaver af et navn.";
        if (!CprNumber.TryParse(trimmed, out _) && trimmed.Any(char.IsDigit))
            return "CPR-nummeret skal have formen DDMMÅÅ-XXXX og være en gyldig dato.";
        return null;
    }

    /// <param name="page">From 1; a page past the last shows the last.</param>
    public static async Task<Result> FindAsync(HousingDbContext db, CprLookups lookups, string text, int page, LocalDate today,
        CancellationToken ct)
    {
        text = text.Trim();
        IQueryable<Person> query;
        var elsewhere = false;
        if (CprNumber.TryParse(text, out var cpr))
        {
            var ids = (await FindByCprFunction.InvokeAsync(db, lookups, cpr.Value, ct)).Select(m => m.MergedIntoId ?? m.PersonId).ToList();
            query = db.Persons.Where(p => ids.Contains(p.Id));
            elsewhere = ids.Count > 0 && !await query.AnyAsync(ct);
        }
        else
        {
            query = db.Persons.Where(p => p.MergedIntoId == null);
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                query = query.Where(p => EF.Functions.Like(p.FirstName + " " + p.LastName + " " + (p.Alias ?? ""), $"%{word}%"));
        }
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var persons = await query.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.BirthDate).ThenBy(p => p.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids2 = persons.Select(p => p.Id).ToList();
        var date = today.ToDateOnly();
        var tonight = (await db.Placements.Where(s => ids2.Contains(s.PersonId) && s.StartDate <= date
                    && (s.EndDate == null || s.EndDate > date))
                .Select(s => new { s.PersonId, s.Facility!.Name }).ToListAsync(ct))
            .GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.First().Name);
        return new Result(persons.Select(p => new Hit(p, tonight.GetValueOrDefault(p.Id))).ToList(), total, page, elsewhere);
    }
}
