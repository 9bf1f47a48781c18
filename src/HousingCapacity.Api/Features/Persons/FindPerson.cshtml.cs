using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Find a person by CPR number (as <c>Persons/FindByCpr</c>) or by name; posted, so that a CPR number is never in a URL.</summary>
public sealed class FindPersonModel(CprLookups lookups) : OfficerPage
{
    public override string Title => "Find person";

    [BindProperty] public string? Query { get; set; }
    public List<Person>? Found { get; private set; }
    public bool Elsewhere { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var text = Query?.Trim() ?? "";
        if (text.Length < 2)
        {
            Invalid(nameof(Query), "Skriv et CPR-nummer (DDMMÅÅ-XXXX) eller mindst to bogstaver af et navn.");
            return Page();
        }
        var ct = HttpContext.RequestAborted;
        if (CprNumber.TryParse(text, out var cpr))
        {
            // By CPR: as FindByCpr, the match whoever is responsible for the person (the identification is logged as a read).
            var ids = (await FindByCprFunction.InvokeAsync(Db, lookups, cpr.Value, ct)).Select(m => m.MergedIntoId ?? m.PersonId).ToList();
            Found = await Db.Persons.Where(p => ids.Contains(p.Id)).ToListAsync(ct);
            // The number is known, but the person is another municipality's (as Persons({id}) would answer 404).
            Elsewhere = ids.Count > 0 && Found.Count == 0;
        }
        else if (text.Any(char.IsDigit))
        {
            Invalid(nameof(Query), "CPR-nummeret skal have formen DDMMÅÅ-XXXX og være en gyldig dato.");
            return Page();
        }
        else
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var query = Db.Persons.Where(p => p.MergedIntoId == null);
            foreach (var word in words)
                query = query.Where(p => EF.Functions.Like(p.FirstName + " " + p.LastName + " " + (p.Alias ?? ""), $"%{word}%"));
            Found = await query.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(25).ToListAsync(ct);
        }
        Shows(Found.Select(p => p.Id));
        return Page();
    }
}
