using HousingCapacity.Api.Security;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The read scope's filters (<see cref="ReadScope"/>) live outside the context but read the executing context's caller: two
/// officers of different municipalities share one model (one kind of caller) and never each other's scope, in either order.
/// </summary>
public class ReadScopeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<List<int>> WaitlistMunicipalitiesAsync(int code) =>
        (await api.As(Role.HousingOfficer, code).GetAsync("/odata/Waitlists?$select=MunicipalityId")).Value.EnumerateArray()
        .Select(w => w.GetProperty("MunicipalityId").GetInt32()).Distinct().ToList();

    [Fact]
    public async Task TwoOfficersOfOneModel_EachSeeTheirOwnMunicipality_InEitherOrder()
    {
        Assert.Equal([1], await WaitlistMunicipalitiesAsync(175));
        Assert.Equal([2], await WaitlistMunicipalitiesAsync(167));
        Assert.Equal([1], await WaitlistMunicipalitiesAsync(175));
        Assert.Equal([2], await WaitlistMunicipalitiesAsync(167));
    }
}
