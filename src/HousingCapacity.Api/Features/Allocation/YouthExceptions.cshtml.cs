using HousingCapacity.Api.Features.Shared;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>Young people at §110 places admitted as an exception to the youth rule, still staying: as
/// <c>Placements/OpenYouthExceptions()</c>, for the officers of the handlekommune.</summary>
public sealed class YouthExceptionsModel : OfficerPage
{
    public override string Title => "Unge på § 110-tilbud (undtagelser)";

    public List<Placement> Open { get; private set; } = [];

    /// <summary>Stays of people under 18 at adult places, recorded before the rule refused them: to be corrected.</summary>
    public List<Placement> Minors { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Open = await PlacementsController.OpenYouthExceptionsOf(Db, Caller, Today).AsNoTracking().Include(p => p.Person)
            .Include(p => p.Facility).OrderBy(p => p.StartDate).ToListAsync(HttpContext.RequestAborted);
        Minors = await PlacementsController.MinorsAtAdultPlacesOf(Db, HttpContext.RequestAborted);
        Shows(Open.Concat(Minors).Select(p => p.PersonId));
    }
}
