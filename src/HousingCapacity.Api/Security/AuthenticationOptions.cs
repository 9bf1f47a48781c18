namespace HousingCapacity.Api.Security;

/// <summary>
/// Bearer tokens (appsettings.json, section "Authentication"). In production the municipality's identity provider issues
/// them: give its Authority (OpenID Connect discovery), or its Issuer and SigningKeys. In Development the API signs its own
/// tokens with a public development key (the `token` command); outside Development that key is refused.
/// </summary>
public sealed class AuthenticationOptions
{
    public string Issuer { get; set; } = "housingcapacity-development";
    public string Audience { get; set; } = "housingcapacity-api";
    /// <summary>OpenID Connect authority whose published keys sign the tokens (instead of SigningKeys).</summary>
    public string? Authority { get; set; }
    /// <summary>HMAC-SHA256 keys, base64 of at least 32 bytes; the first signs tokens made by the `token` command.</summary>
    public List<string> SigningKeys { get; set; } = [];
    public string RoleClaim { get; set; } = "role";
    /// <summary>Holds the municipality's official code (e.g. 175).</summary>
    public string MunicipalityClaim { get; set; } = "municipality";
    /// <summary>One claim per facility id a ShelterStaff token is bound to.</summary>
    public string FacilityClaim { get; set; } = "facility";
    public int TokenHours { get; set; } = 8;
}
