using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Find a person by CPR number or by name (<see cref="PersonSearch"/>); posted, so that a CPR number is never in a URL.</summary>
public sealed class FindPersonModel(CprLookups lookups) : OfficerPage
{
    public override string Title => "Find person";

    [BindProperty] public string? Query { get; set; }
    /// <summary>The page of results (from 1).</summary>
    [BindProperty(Name = "side")] public int Side { get; set; } = 1;
    public PersonSearch.Result? Found { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (PersonSearch.Problem(Query) is { } problem)
        {
            Invalid(nameof(Query), problem);
            return Page();
        }
        Found = await PersonSearch.FindAsync(Db, lookups, Query!, Side, Today, HttpContext.RequestAborted);
        Side = Found.Page;
        Shows(Found.Hits.Select(h => h.Person.Id));
        return Page();
    }
}
