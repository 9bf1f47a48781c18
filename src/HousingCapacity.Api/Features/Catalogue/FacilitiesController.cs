using HousingCapacity.Api.Features.Availability;
using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Catalogue;

public sealed class FacilitiesController(FacilityWriter writer, Microsoft.Extensions.Options.IOptions<PlacementPolicy> policy)
    : EntitySetController<Facility>(writer)
{
    /// <summary><c>Facilities/HousingCapacity.Availability(date=…)</c>: free beds per active facility that night (default
    /// tonight).</summary>
    [HttpGet, HousingQuery]
    public async Task<IQueryable<FacilityAvailability>> Availability(DateOnly? date) =>
        (await AvailabilityFunction.ComputeAsync(Db, date?.ToLocalDate() ?? DanishTime.Today(Clock), Clock, policy.Value,
            HttpContext.RequestAborted)).AsQueryable();
}
