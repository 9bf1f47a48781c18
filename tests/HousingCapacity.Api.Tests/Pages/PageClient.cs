using System.Text.RegularExpressions;
using HousingCapacity.Api.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>A browser-like client of the pages without a browser: a cookie jar, no redirects followed, forms posted with their
/// antiforgery token.</summary>
public sealed partial class PageClient(HttpClient http) : IDisposable
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public HttpClient Http { get; } = http;

    /// <summary>A cookie jar, no redirects followed, and every HTML page checked for developer text (<see cref="DeveloperText"/>).
    /// </summary>
    public static PageClient For(ApiFixture api) =>
        new(api.Factory.CreateDefaultClient(new DeveloperText.Handler(),
            new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler()));

    public static async Task<PageClient> SignedInAsync(ApiFixture api, Role role, int municipalityCode = 175, int? facilityId = null)
    {
        var client = For(api);
        using var reply = await client.PostFormAsync("/logind", new()
        {
            ["Role"] = role.ToString(), ["MunicipalityCode"] = municipalityCode.ToString(), ["FacilityId"] = facilityId?.ToString() ?? "",
        });
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        return client;
    }

    /// <summary>Posts a form as the page at <paramref name="formPage"/> (default: the same address) would.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var form = await Http.GetStringAsync(formPage ?? path);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value;
        return await Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Http.Dispose();
}
