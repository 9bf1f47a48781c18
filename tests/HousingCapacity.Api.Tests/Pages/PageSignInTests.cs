using System.Security.Claims;
using HousingCapacity.Api.Security;
using Microsoft.Extensions.Configuration;

namespace HousingCapacity.Api.Tests.Pages;

public sealed class PageSignInTests
{
    [Fact]
    public void Principal_FromTheIdentityProvidersClaims_KeepsOnlyTheTokensClaims_WithTheRoleReadable()
    {
        var tokens = new AuthenticationOptions { RoleClaim = "roles", MunicipalityClaim = "kommune", FacilityClaim = "tilbud" };
        var principal = PageSignIn.Principal(
        [
            new("sub", "u123"), new("name", "Ida Jensen"), new("roles", "ShelterStaff"), new("kommune", "175"), new("tilbud", "1"),
            new("tilbud", "4"), new("email", "ida@rk.dk"), new("cpr", "010190-1234"), new("amr", "mfa"),
        ], tokens, "oidc");
        Assert.Equal(["sub", "name", "roles", "kommune", "tilbud", "tilbud"], principal.Claims.Select(c => c.Type));
        Assert.True(principal.IsInRole("ShelterStaff"));
        Assert.Equal("u123", principal.Identity!.Name);
        Assert.True(principal.Identity.IsAuthenticated);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("481")]
    public void AddPageSignIn_RefusesAnIdleTimeoutOutOfRange(string minutes)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SignIn:IdleMinutes"] = minutes }).Build();
        var e = Assert.Throws<StartupRefusedException>(() => { new ServiceCollection().AddPageSignIn(configuration,
            isDevelopment: true); });
        Assert.Contains("SignIn:IdleMinutes", e.Message);
    }

    [Fact]
    public void AddPageSignIn_RefusesAnAuthorityWithoutAClient()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SignIn:Authority"] = "https://login.kommune.dk" }).Build();
        var e = Assert.Throws<StartupRefusedException>(() => { new ServiceCollection().AddPageSignIn(configuration,
            isDevelopment: false); });
        Assert.Contains("SignIn:ClientId", e.Message);
    }
}
