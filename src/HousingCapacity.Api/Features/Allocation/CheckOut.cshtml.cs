using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>Check-out, as <c>Placements({id})/Discharge</c>: the morning the person leaves, how the stay ended, where they went,
/// and at a §110 place the decision on support after the stay (Serviceloven §176 a).</summary>
public sealed class CheckOutModel : StaffPage, IDischargeForm
{
    public override string Title => "Tjek ud";

    public Placement Stay { get; private set; } = null!;
    public string UnitLabel { get; private set; } = "";
    public bool Section110 => PlacementPolicy.IsSection110(Stay.LegalBasis);

    [BindProperty] public DateOnly? EndDate { get; set; }
    [BindProperty] public DischargeReason? DischargeReason { get; set; }
    [BindProperty] public Destination? Destination { get; set; }
    [BindProperty] public FollowUpSupport? FollowUpSupport { get; set; }
    [BindProperty] public DateOnly? FollowUpDecidedOn { get; set; }

    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EndDate"] = nameof(EndDate), ["dischargeReason"] = nameof(DischargeReason), ["destination"] = nameof(Destination),
        ["followUpSupport"] = nameof(FollowUpSupport), ["followUpDecidedOn"] = nameof(FollowUpDecidedOn),
    };

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadFacilityAsync() || !await LoadStayAsync(id)) return NotFound();
        // The morning the person leaves: today, or tomorrow for someone who came tonight (a stay has at least one night).
        EndDate = Stay.StartDate >= Today.ToDateOnly() ? Stay.StartDate.AddDays(1) : Today.ToDateOnly();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadFacilityAsync() || !await LoadStayAsync(id)) return NotFound();
        if (EndDate is null) Invalid(nameof(EndDate), "Angiv datoen for udskrivningen (morgenen personen går).");
        if (DischargeReason is null) Invalid(nameof(DischargeReason), "Vælg hvordan opholdet sluttede.");
        if (Destination is null) Invalid(nameof(Destination), "Vælg hvor personen gik hen.");
        if (ModelState.IsValid)
        {
            var done = await WriteAsync(async () => await StayActions.DischargeAsync(Db, await Db.Placements.SingleAsync(p => p.Id == id),
                new DischargeCommand(EndDate!.Value, DischargeReason!.Value, Destination!.Value, FollowUpSupport, FollowUpDecidedOn),
                WriteContext), Fields);
            if (done is not null)
            {
                Done = $"Tjekket ud af {UnitLabel}.";
                return Redirect(For("/personale"));
            }
        }
        return Page();
    }

    private async Task<bool> LoadStayAsync(int id)
    {
        var stay = await Db.Placements.AsNoTracking().Include(p => p.Person).Include(p => p.Unit)
            .SingleOrDefaultAsync(p => p.Id == id && p.FacilityId == Facility.Id, HttpContext.RequestAborted);
        if (stay is null) return false;
        Stay = stay;
        UnitLabel = stay.Unit?.Label ?? "";
        Shows(stay.PersonId);
        return true;
    }
}
