namespace HousingCapacity.Api.Security;

/// <summary>
/// Sign-in to the web pages (appsettings.json, section "SignIn"). In production the municipality's identity provider signs people
/// in with OpenID Connect (authorization code with PKCE); its ID token (or user-info answer) carries the same claims as the API's
/// tokens (Authentication:RoleClaim, MunicipalityClaim, FacilityClaim). In Development a page picks a demo user instead.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>The identity provider (its /.well-known/openid-configuration); empty: no sign-in outside Development.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Scopes asked for besides openid and profile.</summary>
    public List<string> Scopes { get; set; } = [];
    /// <summary>Read the claims from the user-info endpoint too (where the provider leaves them out of the ID token).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }
    /// <summary>A session ends after this many minutes without a request.</summary>
    public int IdleMinutes { get; set; } = 20;
}
