using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// §110 notices to the handlekommune (Serviceloven §110 stk. 6: within three working days of the admission) for the stays at the
/// municipality's places: overdue and due, each with "mark notified" (<c>Placements({id})/MarkNotified</c>).
/// </summary>
public sealed class NoticesModel : OfficerPage
{
    public override string Title => "Underretninger (§ 110, stk. 6)";

    public List<Placement> Open { get; private set; } = [];
    public Dictionary<int, string> Municipalities { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(int placementId)
    {
        var done = await WriteAsync(async Task<Outcome<Placement>> () =>
        {
            if (await Db.Placements.SingleOrDefaultAsync(p => p.Id == placementId) is not { } stay)
                return Refusal.NotFound("Opholdet findes ikke.", "The stay does not exist.");
            stay.MarkNotified(Today);
            return stay;
        }, new Dictionary<string, string> { ["NotifiedOn"] = $"stay-{placementId}", ["notifiedOn"] = $"stay-{placementId}" });
        if (done is not null)
        {
            Done = "Underretningen er registreret.";
            return Redirect("/sagsbehandler/underretninger");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Open = await Db.Placements.AsNoTracking().Include(p => p.Person).Include(p => p.Facility)
            .Where(p => p.NotificationDueDate != null && p.NotifiedOn == null && p.Facility!.MunicipalityId == Caller.MunicipalityId)
            .OrderBy(p => p.NotificationDueDate).ThenBy(p => p.Id).Take(200).ToListAsync(ct);
        Municipalities = await Db.Municipalities.ToDictionaryAsync(m => m.Id, m => $"{m.Name} ({m.Code})", ct);
        Shows(Open.Select(p => p.PersonId));
    }
}
