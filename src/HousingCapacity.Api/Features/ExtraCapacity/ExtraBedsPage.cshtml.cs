using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace HousingCapacity.Api.Features.ExtraCapacity;

/// <summary>
/// Staff open extra beds for a period (a kuldeberedskab, say), as POST /odata/ExtraBeds, and close them early, as
/// <c>ExtraBeds({id})/Close</c>: the place's periods now and ahead first, then the last ones past.
/// </summary>
public sealed class ExtraBedsPageModel(ExtraBedsWriter writer) : StaffPage
{
    public override string Title => "Ekstra senge";

    /// <summary>A period with the people in its beds tonight.</summary>
    public sealed record Row(ExtraBeds Beds, int OccupiedTonight);

    public List<Row> Current { get; private set; } = [];
    public List<Row> Past { get; private set; } = [];

    [BindProperty] public DateOnly? FirstNight { get; set; }
    [BindProperty] public DateOnly? LastNight { get; set; }
    [BindProperty] public int? Beds { get; set; }
    [BindProperty] public ExtraBedsReason? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }

    public static IReadOnlyList<SelectListItem> Reasons { get; } =
        Enum.GetValues<ExtraBedsReason>().Select(r => new SelectListItem(Words.Reason(r), r.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadFacilityAsync()) return NotFound();
        FirstNight = Tonight.ToDateOnly();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostOpenAsync()
    {
        if (!await LoadFacilityAsync()) return NotFound();
        if (FirstNight is null) Invalid(nameof(FirstNight), "Angiv den første nat.");
        if (LastNight is null) Invalid(nameof(LastNight), "Angiv den sidste nat.");
        if (Beds is null) Invalid(nameof(Beds), "Angiv antal ekstra senge.");
        if (Reason is null) Invalid(nameof(Reason), "Vælg hvorfor sengene åbnes.");
        if (ModelState.IsValid)
        {
            var opened = await WriteAsync(() => CreateAsync(writer, new NewExtraBeds(Facility.Id, FirstNight!.Value, LastNight!.Value,
                Beds!.Value, Reason!.Value, Note)), FieldsOf<NewExtraBeds>("", ("FacilityId", "")));
            if (opened is ExtraBeds beds)
            {
                Done = $"{Words.Count(beds.Beds, "ekstra seng", "ekstra senge")} er åbnet nætterne " +
                       $"{Words.Nights(beds.FirstNight, beds.LastNight)}.";
                return Redirect(For("/personale/ekstra-senge"));
            }
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Closes a period from tonight (or, when it has not begun, before its first night).</summary>
    public async Task<IActionResult> OnPostCloseAsync(int id)
    {
        if (!await LoadFacilityAsync()) return NotFound();
        var closed = await WriteAsync(async Task<Outcome<Entity>> () =>
        {
            if (await Db.ExtraBeds.SingleOrDefaultAsync(e => e.Id == id && e.FacilityId == Facility.Id) is not { } beds)
                return Refusal.NotFound("De ekstra senge findes ikke her.", "The extra beds do not exist here.");
            var last = beds.FirstNight > Tonight.ToDateOnly() ? beds.FirstNight.ToLocalDate().PlusDays(-1) : Tonight.PlusDays(-1);
            return await ExtraBedsActions.CloseAsync(Db, beds, last, Tonight, WriteContext);
        }, new Dictionary<string, string> { ["lastNight"] = $"beds-{id}" });
        if (closed is ExtraBeds done)
        {
            Done = done.Nights == 0 ? "De ekstra senge er aflyst."
                : $"De ekstra senge er lukket efter natten til {Words.Date(done.LastNight)}.";
            return Redirect(For("/personale/ekstra-senge"));
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var tonight = Tonight.ToDateOnly();
        var all = await Db.ExtraBeds.AsNoTracking().Where(e => e.FacilityId == Facility.Id).OrderByDescending(e => e.FirstNight)
            .Take(20).ToListAsync(ct);
        var unitIds = all.Select(e => e.UnitId).ToList();
        var occupied = await Db.Placements.Where(p => unitIds.Contains(p.UnitId) && p.StartDate <= tonight
                && (p.EndDate == null || p.EndDate > tonight))
            .GroupBy(p => p.UnitId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        var rows = all.Select(e => new Row(e, occupied.GetValueOrDefault(e.UnitId))).ToList();
        Current = rows.Where(r => r.Beds.LastNight >= tonight && r.Beds.Nights > 0).OrderBy(r => r.Beds.FirstNight).ToList();
        Past = rows.Except(Current).Take(5).ToList();
    }
}
