using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Find a person by CPR number or by name (<see cref="PersonSearch"/>); posted, so that a CPR number is never in a URL.</summary>
public sealed class FindPersonModel(CprLookups lookups, Microsoft.Extensions.Options.IOptions<PlacementPolicy> policy) : OfficerPage
{
    public override string Title => "Find person";

    [BindProperty] public string? Query { get; set; }
    /// <summary>The page of results (from 1).</summary>
    [BindProperty(Name = "side")] public int Side { get; set; } = 1;
    public PersonSearch.Result? Found { get; private set; }

    /// <summary>The municipality's places that have not reported tonight's count though it was due (issue 28.5).</summary>
    public List<string> CountsMissing { get; private set; } = [];
    public string CountDueBy => Words.Clock(policy.Value.CountDueTime());

    public async Task OnGetAsync() => await LoadCountsMissingAsync();

    private async Task LoadCountsMissingAsync()
    {
        var ct = HttpContext.RequestAborted;
        var own = await Db.Facilities.Where(f => f.IsActive && f.MunicipalityId == Caller.MunicipalityId).ToListAsync(ct);
        var counts = await Availability.AvailabilityFunction.CountsAsync(Db, Tonight, Clock, policy.Value, ct);
        CountsMissing = Availability.AvailabilityFunction.ComputeFor(own, Tonight, Clock, counts).Where(a => a.CountOverdue)
            .Select(a => a.FacilityName).Order().ToList();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadCountsMissingAsync();
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
