using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// One stay for a housing officer: end it (as <c>Placements({id})/Discharge</c>), change its handlekommune with a reason
/// (<c>/ChangeResponsibleMunicipality</c>, retssikkerhedsloven §§ 9–9 b), or cancel it when it was entered in error (<c>/Cancel</c>,
/// which needs a reason and a confirmation: the stay leaves every count).
/// </summary>
public sealed class StayPageModel : OfficerPage, IDischargeForm
{
    public override string Title => "Ophold";

    public Placement Stay { get; private set; } = null!;
    public string? ResponsibleMunicipality { get; private set; }
    public List<Municipality> Municipalities { get; private set; } = [];
    /// <summary>The stay is at a §110 place another municipality runs: ending it needs the officer's §110 stk. 5 confirmation.</summary>
    public bool ElsewhereSection110 { get; private set; }
    public bool Ongoing => Stay.EndDate is null || Stay.EndDate > Today.ToDateOnly();
    public bool Section110 => PlacementPolicy.IsSection110(Stay.LegalBasis);

    [BindProperty] public DateOnly? EndDate { get; set; }
    [BindProperty] public DischargeReason? DischargeReason { get; set; }
    [BindProperty] public Destination? Destination { get; set; }
    [BindProperty] public FollowUpSupport? FollowUpSupport { get; set; }
    [BindProperty] public DateOnly? FollowUpDecidedOn { get; set; }
    [BindProperty] public bool Section110Stk5 { get; set; }
    /// <summary>The new handlekommune's code; 0 for unknown.</summary>
    [BindProperty] public int? MunicipalityCode { get; set; }
    [BindProperty] public string? MunicipalityReason { get; set; }
    [BindProperty] public string? CancelReason { get; set; }
    [BindProperty] public bool CancelConfirmed { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        EndDate ??= Stay.StartDate >= Today.ToDateOnly() ? Stay.StartDate.AddDays(1) : Today.ToDateOnly();
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (EndDate is null) Invalid(nameof(EndDate), "Angiv datoen, opholdet slutter (morgenen personen går).");
        if (DischargeReason is null) Invalid(nameof(DischargeReason), "Vælg hvordan opholdet sluttede.");
        if (Destination is null) Invalid(nameof(Destination), "Vælg hvor personen gik hen.");
        if (ModelState.IsValid && await WriteAsync(async () => await StayActions.DischargeAsync(Db, await TrackedAsync(id),
                new DischargeCommand(EndDate!.Value, DischargeReason!.Value, Destination!.Value, FollowUpSupport, FollowUpDecidedOn,
                    ElsewhereSection110 ? Section110Stk5 : null), WriteContext), EndFields) is not null)
            return Saved(id, $"Opholdet på {Stay.Facility!.Name} slutter {Words.Date(EndDate!.Value)}.");
        return Page();
    }

    public async Task<IActionResult> OnPostMunicipalityAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (MunicipalityCode is null) Invalid(nameof(MunicipalityCode), "Vælg den nye handlekommune, eller \"Ukendt\".");
        if (string.IsNullOrWhiteSpace(MunicipalityReason)) Invalid(nameof(MunicipalityReason), "Skriv hvorfor handlekommunen skiftes.");
        int? code = MunicipalityCode is 0 ? null : MunicipalityCode;
        if (ModelState.IsValid && await WriteAsync(async () => await StayActions.ChangeResponsibleMunicipalityAsync(Db,
                await TrackedAsync(id), new ChangeResponsibleMunicipalityCommand(code, MunicipalityReason!), HttpContext.RequestAborted),
                MunicipalityFields) is not null)
        {
            var name = Municipalities.FirstOrDefault(m => m.Code == code)?.Name;
            return Saved(id, name is null ? "Handlekommunen er nu ukendt." : $"Handlekommunen er nu {name}.");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CancelConfirmed) Invalid(nameof(CancelConfirmed), "Bekræft at opholdet blev registreret ved en fejl.");
        if (ModelState.IsValid && await WriteAsync(async Task<Outcome<Placement>> () =>
            {
                var stay = await TrackedAsync(id);
                return await PlacementCancellation.CancelAsync(Db, stay, CancelReason, WriteContext) is { } refusal ? refusal : stay;
            }, CancelFields) is not null)
        {
            Done = $"Opholdet på {Stay.Facility!.Name} er annulleret og tæller ikke længere med.";
            return Redirect($"/sagsbehandler/person/{Stay.PersonId}");
        }
        return Page();
    }

    private static readonly Dictionary<string, string> EndFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EndDate"] = nameof(EndDate), ["dischargeReason"] = nameof(DischargeReason), ["destination"] = nameof(Destination),
        ["followUpSupport"] = nameof(FollowUpSupport), ["followUpDecidedOn"] = nameof(FollowUpDecidedOn),
        ["section110Stk5"] = nameof(Section110Stk5),
    };
    private static readonly Dictionary<string, string> MunicipalityFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["municipalityCode"] = nameof(MunicipalityCode), ["reason"] = nameof(MunicipalityReason),
    };
    private static readonly Dictionary<string, string> CancelFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["reason"] = nameof(CancelReason),
    };

    private IActionResult Saved(int id, string message)
    {
        Done = message;
        return Redirect($"/sagsbehandler/ophold/{id}");
    }

    private Task<Placement> TrackedAsync(int id) => Db.Placements.SingleAsync(p => p.Id == id, HttpContext.RequestAborted);

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var stay = await Db.Placements.AsNoTracking().Include(p => p.Person).Include(p => p.Facility).Include(p => p.Unit)
            .SingleOrDefaultAsync(p => p.Id == id, ct);
        if (stay is null) return false;
        Stay = stay;
        Shows(stay.PersonId);
        Municipalities = await Db.Municipalities.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
        ResponsibleMunicipality = Municipalities.FirstOrDefault(m => m.Id == stay.ResponsibleMunicipalityId)?.Name;
        ElsewhereSection110 = PlacementPolicy.IsSection110(stay.LegalBasis) && stay.Facility!.MunicipalityId != Caller.MunicipalityId;
        return true;
    }
}
