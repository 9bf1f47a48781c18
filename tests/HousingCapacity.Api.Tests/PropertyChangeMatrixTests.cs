using HousingCapacity.Api.Security;
using HousingCapacity.Domain;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The role × property matrix of changes (AccessPolicy.Changes), walked whole: every role that may write a set changes exactly the
/// properties the matrix gives it, and is refused (403) the others, by the API and by any other way to save.
/// </summary>
public class PropertyChangeMatrixTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void Matrix_NamesOnlyKindsThisTestKnowsHowToChange() =>
        Assert.Equal([typeof(Unit)], AccessPolicy.Changes.Keys);

    [Fact]
    public async Task Units_EachWritingRole_ChangesExactlyItsProperties()
    {
        var make = new Builders(api);
        var facility = await make.FacilityAsync("EmergencyBeds");
        var byRole = AccessPolicy.Changes[typeof(Unit)];
        var properties = byRole.Values.SelectMany(p => p).Distinct().ToList();
        var results = new List<string>();
        foreach (var role in AccessPolicy.Write["Units"])
        {
            var client = role == Role.ShelterStaff ? api.Staff(facility) : api.As(role);
            foreach (var property in properties)
            {
                var unit = await make.UnitAsync(facility, beds: 2);
                var value = property switch
                {
                    nameof(Unit.Label) => "\"Værelse 99\"",
                    nameof(Unit.Beds) => "50",
                    nameof(Unit.Status) => "\"OutOfService\"",
                    _ => throw new InvalidOperationException($"Add a value for {property} to this test."),
                };
                var before = (await api.Admin.GetAsync($"/odata/Units({unit})")).Json.GetProperty(property).ToString();
                var reply = await client.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({unit})", $$"""{"{{property}}":{{value}}}""");
                var allowed = byRole.GetValueOrDefault(role, []).Contains(property);
                results.Add($"{role} {property}: {(int)reply.Status}");
                Assert.True(allowed ? reply.Status == HttpStatusCode.NoContent : reply.Status == HttpStatusCode.Forbidden,
                    $"{role} {property}: {(int)reply.Status} {reply.Body}");
                var after = (await api.Admin.GetAsync($"/odata/Units({unit})")).Json.GetProperty(property).ToString();
                Assert.Equal(allowed, after != before);
            }
        }
        Assert.Contains("ShelterStaff Beds: 403", results);
        Assert.Contains("ShelterStaff Status: 204", results);
    }
}
