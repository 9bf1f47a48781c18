using HousingCapacity.Api.Features.Shared;
using HousingCapacity.Api.Features.YouthPolicies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// A municipality's referral to this §110 place, for the place to decide (Serviceloven §110 stk. 4), as
/// <c>Placements({id})/HousingCapacity.Admit</c> and <c>RefuseAdmission</c>: admit (for a young person with the place's own
/// justification of the exception), or refuse with the grounds; the klagevejledning is shown with the decision.
/// </summary>
public sealed class ReferralModel(Admissions admissions, IOptions<PlacementPolicy> policy) : StaffPage
{
    public override string Title => "Henvisning fra kommunen";

    public Placement Stay { get; private set; } = null!;
    public YouthRuleInForce Youth { get; private set; } = null!;
    public bool YoungPerson { get; private set; }
    public PlacementPolicy Policy => policy.Value;

    [BindProperty] public string? Justification { get; set; }
    [BindProperty] public TurnawayReason? Reason { get; set; }
    [BindProperty] public string? Explanation { get; set; }

    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["exceptionJustification"] = nameof(Justification), ["explanation"] = nameof(Explanation), ["reason"] = nameof(Reason),
    };

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAdmitAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var admitted = await WriteAsync(async () =>
        {
            var stay = await Db.Placements.SingleAsync(p => p.Id == id);
            return await admissions.AdmitAsync(Db, stay, string.IsNullOrWhiteSpace(Justification) ? null : Justification, WriteContext);
        }, Fields);
        if (admitted is null) return Page();
        Done = $"{PersonText.Name(Stay.Person!)} er optaget.";
        return Redirect(For("/personale"));
    }

    public async Task<IActionResult> OnPostRefuseAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Reason is null) Invalid(nameof(Reason), "Vælg årsagen til afslaget.");
        if (!ModelState.IsValid) return Page();
        var refused = await WriteAsync(async () =>
        {
            var stay = await Db.Placements.SingleAsync(p => p.Id == id);
            return await admissions.RefuseAsync(Db, stay, Reason!.Value, Explanation, WriteContext);
        }, Fields);
        if (refused is null) return Page();
        Done = $"Afslaget er registreret. {Decisions.ComplaintGuidanceDa(Facility.Name)}";
        return Redirect(For("/personale"));
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (!await LoadFacilityAsync()) return false;
        var stay = await Db.Placements.AsNoTracking().Include(p => p.Person)
            .SingleOrDefaultAsync(p => p.Id == id && p.FacilityId == Facility.Id, HttpContext.RequestAborted);
        if (stay is null) return false;
        Stay = stay;
        Shows(stay.PersonId);
        var start = stay.StartDate.ToLocalDate();
        Youth = await YouthRules.AtAsync(Db, Facility.MunicipalityId, start, Policy, HttpContext.RequestAborted);
        YoungPerson = Youth.Covers(Facility.LegalBasis, stay.Person!.AgeOn(start), Policy);
        return true;
    }
}
