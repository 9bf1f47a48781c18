using HousingCapacity.Api.Features.Shared;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>Young people at §110 places admitted as an exception to the youth rule, still staying: as
/// <c>Placements/OpenYouthExceptions()</c>, for the officers of the handlekommune.</summary>
public sealed class YouthExceptionsModel : OfficerPage
{
    public override string Title => "Unge på § 110-tilbud (undtagelser)";

    public List<Placement> Open { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Open = await PlacementsController.OpenYouthExceptionsOf(Db, Caller, Today).AsNoTracking().Include(p => p.Person)
            .Include(p => p.Facility).OrderBy(p => p.StartDate).ToListAsync(HttpContext.RequestAborted);
        Shows(Open.Select(p => p.PersonId));
    }
}
