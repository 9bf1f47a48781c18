using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Turnaways;

/// <summary>A turnaway, as POST /odata/Turnaways: someone the place could not take tonight (recorded without naming them).</summary>
public sealed class TurnawayModel(TurnawayWriter turnaways) : StaffPage
{
    public override string Title => "Registrér afvisning";

    [BindProperty] public TurnawayReason? Reason { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Explanation { get; set; }

    public List<Turnaway> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadFacilityAsync()) return NotFound();
        Date = Tonight.ToDateOnly();
        await LoadRecentAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadFacilityAsync()) return NotFound();
        if (Reason is null) Invalid(nameof(Reason), "Vælg årsagen til afvisningen.");
        if (ModelState.IsValid)
        {
            var saved = await WriteAsync(() => CreateAsync(turnaways, new NewTurnaway(Facility.Id, Reason!.Value,
                Date ?? Tonight.ToDateOnly(), Explanation: string.IsNullOrWhiteSpace(Explanation) ? null : Explanation.Trim())),
                FieldsOf<NewTurnaway>("", ("FacilityId", ""), ("PersonId", "")));
            if (saved is not null)
            {
                Done = "Afvisningen er registreret.";
                return Redirect(For("/personale/afvisning"));
            }
        }
        await LoadRecentAsync();
        return Page();
    }

    private async Task LoadRecentAsync() =>
        Recent = await Db.Turnaways.AsNoTracking().Where(t => t.FacilityId == Facility.Id).OrderByDescending(t => t.Date)
            .ThenByDescending(t => t.Id).Take(10).ToListAsync(HttpContext.RequestAborted);
}
