using System.Net.Http.Headers;
using System.Security.Cryptography;
using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace HousingCapacity.Api.Tests;

/// <summary>Bearer tokens: nothing but /health without one, only well-signed and well-formed ones, and never the development key in
/// production.</summary>
public class AuthenticationTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(string url, string? token,
        HttpMethod? method = null)
    {
        using var client = api.Factory.CreateClient();
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method == HttpMethod.Post) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static string Sign(SecurityKey key, Role role = Role.HousingOfficer, int municipality = 175, int[]? facilities = null,
        AuthenticationOptions? options = null, DateTime? issuedAt = null, TimeSpan? lifetime = null) =>
        Authentication.IssueToken(options ?? new AuthenticationOptions(), key, "tester", role, municipality, facilities ?? [],
            issuedAt ?? DateTime.UtcNow, lifetime ?? TimeSpan.FromHours(1));

    private static SymmetricSecurityKey DevelopmentKey => new(Convert.FromBase64String(Authentication.DevelopmentSigningKey));

    [Theory]
    [InlineData("GET", "/odata")]
    [InlineData("GET", "/odata/$metadata")]
    [InlineData("GET", "/odata/Facilities")]
    [InlineData("GET", "/odata/Persons(1)")]
    [InlineData("POST", "/odata/Persons")]
    [InlineData("GET", "/reports/monthly/175/2026-10.pdf")]
    [InlineData("POST", "/imports/capacity-reports")]
    public async Task WithoutAToken_EverythingButHealth_Is401_WithAnODataError(string method, string url)
    {
        var (status, body, response) = await SendAsync(url, null, new HttpMethod(method));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("\"code\":\"Unauthorized\"", body);
        Assert.Contains("adgangstoken", body);
    }

    [Fact]
    public async Task Health_IsOpen() => Assert.Equal(HttpStatusCode.OK, (await SendAsync("/health", null)).Status);

    public static TheoryData<string, string> BadTokens()
    {
        var other = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var wrongIssuer = new AuthenticationOptions { Issuer = "someone-else" };
        var wrongAudience = new AuthenticationOptions { Audience = "another-api" };
        var valid = Sign(DevelopmentKey);
        return new()
        {
            { "signed with another key", Sign(other) },
            { "expired", Sign(DevelopmentKey, issuedAt: DateTime.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1)) },
            { "another issuer", Sign(DevelopmentKey, options: wrongIssuer) },
            { "another audience", Sign(DevelopmentKey, options: wrongAudience) },
            { "tampered", valid[..^4] + (valid[^4] == 'A' ? "B" : "A") + valid[^3..] },
            { "unsigned", string.Join('.', valid.Split('.')[..2]) + "." },
            { "not a token", "hello" },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadToken_Is401(string why, string token)
    {
        var (status, body, response) = await SendAsync("/odata/Facilities", token);
        Assert.True(status == HttpStatusCode.Unauthorized, $"{why}: {(int)status} {body}");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    private static string SignClaims(Dictionary<string, object> claims) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = new AuthenticationOptions().Issuer,
            Audience = new AuthenticationOptions().Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(DevelopmentKey, SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task AToken_NamingTwoMunicipalitiesOrRoles_OrStaffOfAnotherMunicipalitysFacility_Is403()
    {
        await using var db = api.NewDb();
        var hvidovreFacility = await db.Facilities.Where(f => f.Municipality!.Code == 167).OrderBy(f => f.Id).Select(f => f.Id)
            .FirstAsync();
        var rodovreFacility = await db.Facilities.Where(f => f.Municipality!.Code == 175).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
        foreach (var (why, token) in new[]
                 {
                     ("two municipalities", SignClaims(new() { ["sub"] = "x", ["role"] = "HousingOfficer", ["municipality"] = new[] { "175",
                         "167" } })),
                     ("two roles", SignClaims(new() { ["sub"] = "x", ["role"] = new[] { "Committee", "HousingOfficer" },
                         ["municipality"] = "175" })),
                     ("staff of 175 at Hvidovre's facility", Sign(DevelopmentKey, Role.ShelterStaff, 175, [hvidovreFacility])),
                     ("staff of 175 at one own and one foreign facility", Sign(DevelopmentKey, Role.ShelterStaff, 175, [rodovreFacility,
                         hvidovreFacility])),
                     ("staff at a facility that does not exist", Sign(DevelopmentKey, Role.ShelterStaff, 175, [99_999])),
                     ("an administrator of a municipality that does not exist", Sign(DevelopmentKey, Role.Administrator, 999)),
                 })
        {
            var (status, body, _) = await SendAsync($"/odata/Facilities({hvidovreFacility})", token);
            Assert.True(status == HttpStatusCode.Forbidden, $"{why}: {(int)status} {body}");
        }
        Assert.Equal(HttpStatusCode.OK, (await SendAsync($"/odata/Facilities({rodovreFacility})", Sign(DevelopmentKey, Role.ShelterStaff,
            175, [rodovreFacility]))).Status);
    }

    [Fact]
    public async Task AWellSignedToken_WithoutAKnownRoleMunicipalityOrFacility_Is403()
    {
        var options = new AuthenticationOptions();
        // Signed with the right key, but its role claim names something the API does not know.
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var unknownRole = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "x", ["role"] = "Superuser", ["municipality"] = "175" },
            SigningCredentials = new SigningCredentials(DevelopmentKey, SecurityAlgorithms.HmacSha256),
        });
        foreach (var (why, token) in new[]
                 {
                     ("unknown role", unknownRole),
                     ("unknown municipality", Sign(DevelopmentKey, municipality: 999)),
                     ("staff without a facility", Sign(DevelopmentKey, Role.ShelterStaff)),
                 })
        {
            var (status, body, _) = await SendAsync("/odata/Facilities", token);
            Assert.True(status == HttpStatusCode.Forbidden, $"{why}: {(int)status} {body}");
            Assert.Contains("\"code\":\"Forbidden\"", body);
        }
    }

    // Refusals to start outside Development: StartupTests (the app as a process, as an operator starts it).

    private static Task<(int ExitCode, string Out, string Error)> TokenCommandAsync(string environment, params string[] args) =>
        ApiCommand.RunAsync(environment, ["token", .. args]);

    [Fact]
    public async Task TokenCommand_MintsAStaffToken_ThatSeesOnlyItsFacility()
    {
        await using var db = api.NewDb();
        var facility = await db.Facilities.Where(f => f.Municipality!.Code == 175).OrderByDescending(f => f.Id).Select(f => f.Id)
            .FirstAsync();
        var (exit, token, error) = await TokenCommandAsync("Development", "--role", "ShelterStaff", "--municipality", "175", "--facility",
            $"{facility}");
        Assert.True(exit == 0, error);
        var staff = api.OData.WithToken(token);
        var seen = await staff.GetAsync("/odata/Facilities?$select=Id");
        Assert.Equal([facility], seen.Value.EnumerateArray().Select(f => f.GetProperty("Id").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/odata/Waitlists")).Status);
    }

    [Fact]
    public async Task TokenCommand_RefusesBadArguments_AndProductionWithoutAKey()
    {
        Assert.Equal(2, (await TokenCommandAsync("Development", "--role", "Janitor", "--municipality", "175")).ExitCode);
        Assert.Equal(2, (await TokenCommandAsync("Development", "--role", "ShelterStaff", "--municipality", "175")).ExitCode);
        var production = await TokenCommandAsync("Production", "--role", "HousingOfficer", "--municipality", "175");
        Assert.Equal(1, production.ExitCode);
        Assert.Equal("", production.Out);
    }
}
