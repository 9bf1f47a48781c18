using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Shared;

/// <summary>A page of the shelter staff: about one of their own facilities (?tilbud=ID when they have more than one).</summary>
[ForRole(Role.ShelterStaff)]
public abstract class StaffPage : HousingPage
{
    [BindProperty(SupportsGet = true, Name = "tilbud")] public int? FacilityId { get; set; }

    public Facility Facility { get; private set; } = null!;
    public IReadOnlyList<Facility> OwnFacilities { get; private set; } = [];

    /// <summary>Loads the facility the page is about: one of the caller's own, the first unless another is asked for.</summary>
    protected async Task<bool> LoadFacilityAsync()
    {
        OwnFacilities = await Db.Facilities.Where(f => Caller.FacilityIds.Contains(f.Id)).OrderBy(f => f.Name)
            .ToListAsync(HttpContext.RequestAborted);
        var wanted = FacilityId ?? OwnFacilities.FirstOrDefault()?.Id;
        if (OwnFacilities.FirstOrDefault(f => f.Id == wanted) is not { } facility) return false;
        Facility = facility;
        FacilityId = facility.Id;
        return true;
    }

    /// <summary>The address of a staff page for this facility.</summary>
    public string For(string path) => OwnFacilities.Count > 1 ? $"{path}?tilbud={Facility.Id}" : path;
}
