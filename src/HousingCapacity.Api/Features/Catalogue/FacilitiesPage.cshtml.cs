using HousingCapacity.Api.Features.Shared;

namespace HousingCapacity.Api.Features.Catalogue;

/// <summary>The municipality's facilities for its administrator, each with its kind, legal basis, units and beds in service, and the
/// way to create one or to edit one and its units (<see cref="FacilityPageModel"/>).</summary>
public sealed class FacilitiesPageModel : AdministratorPage
{
    public override string Title => "Tilbud og enheder";

    public List<Facility> Facilities { get; private set; } = [];

    public async Task OnGetAsync() =>
        // The regular units: extra beds opened for a period are the places' own (the staff's page of extra beds).
        Facilities = await Db.Facilities.AsNoTracking().Include(f => f.Units.Where(u => u.OpenFrom == null))
            .Where(f => f.MunicipalityId == Caller.MunicipalityId)
            .OrderBy(f => f.Name).ToListAsync(HttpContext.RequestAborted);
}
