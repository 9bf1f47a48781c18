using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>The municipality's facilities and units with their kind and legal basis; a unit is added or its beds changed as
/// POST and PATCH /odata/Units do (the database refuses fewer beds than the people staying).</summary>
public sealed class FacilitiesPageModel(UnitWriter units) : AdministratorPage
{
    public override string Title => "Tilbud og enheder";

    public List<Facility> Facilities { get; private set; } = [];

    [BindProperty] public int? FacilityId { get; set; }
    [BindProperty] public int? UnitId { get; set; }
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public int? Beds { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddUnitAsync()
    {
        var key = $"facility-{FacilityId}";
        if (string.IsNullOrWhiteSpace(Label) || Beds is null) Invalid(key, "Skriv enhedens navn og antal senge.");
        else if (await WriteAsync(() => CreateAsync(units,
                     new NewUnit(FacilityId ?? throw OData.EntityValues.Missing("FacilityId"), Label.Trim(), Beds.Value)),
                     new Dictionary<string, string> { ["FacilityId"] = key, ["Label"] = key, ["Beds"] = key }) is not null)
        {
            Done = $"Enheden {Label.Trim()} er oprettet.";
            return Redirect("/administration");
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostBedsAsync()
    {
        var key = $"unit-{UnitId}";
        if (Beds is null) Invalid(key, "Skriv antal senge.");
        else if (await WriteAsync(async Task<Outcome<Unit>> () =>
                 {
                     if (await Db.Units.SingleOrDefaultAsync(u => u.Id == UnitId) is not { } unit)
                         return Refusal.NotFound("Enheden findes ikke.", "The unit does not exist.");
                     return await units.ChangeAsync(Db, unit, new UnitChange(unit.Label, Beds.Value, unit.Status), WriteContext)
                         is { } refusal ? refusal : unit;
                 }, new Dictionary<string, string> { ["Beds"] = key, ["Status"] = key, ["Placements"] = key }) is not null)
        {
            Done = "Antallet af senge er ændret.";
            return Redirect("/administration");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Facilities = await Db.Facilities.AsNoTracking().Include(f => f.Units).Where(f => f.MunicipalityId == Caller.MunicipalityId)
            .OrderBy(f => f.Name).ToListAsync(HttpContext.RequestAborted);
}
