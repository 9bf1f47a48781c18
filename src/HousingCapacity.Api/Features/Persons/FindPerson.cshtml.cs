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

    /// <summary>Before the count is due, nothing is read; after it, one query for the municipality's places without tonight's report
    /// (not the whole country's availability, which the start page does not show).</summary>
    private async Task LoadCountsMissingAsync()
    {
        var dueAt = Availability.AvailabilityFunction.CountDueAt(Tonight, policy.Value);
        if (!Availability.AvailabilityFunction.CountOverdue(false, Clock.GetCurrentInstant(), dueAt)) return;
        var night = Tonight.ToDateOnly();
        CountsMissing = await Db.Facilities.Where(f => f.IsActive && f.MunicipalityId == Caller.MunicipalityId
                && !Db.CapacityReports.Any(r => r.FacilityId == f.Id && r.Date == night))
            .Select(f => f.Name).OrderBy(n => n).ToListAsync(HttpContext.RequestAborted);
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
