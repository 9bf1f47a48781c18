using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HousingCapacity.Api.Security;

/// <summary>
/// The web pages' session: a cookie over the same claims as the API's tokens, read into the same <see cref="Caller"/> by the same
/// checks (<see cref="Authentication"/>). The API's own paths never accept the cookie (a browser's cookie must not authorise a
/// cross-site POST to /odata); the pages never accept a bearer token.
/// </summary>
public static class PageSignIn
{
    public const string Scheme = "HousingCapacity.Pages";
    public const string OpenIdScheme = "HousingCapacity.OpenIdConnect";
    public const string SignInPath = "/logind";
    public const string SignOutPath = "/logud";

    public static string Policy(Role role) => $"Pages.{role}";

    /// <summary>The API's paths: everything else is a page (or a page's asset).</summary>
    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/odata") || path.StartsWithSegments("/reports")
        || path.StartsWithSegments("/imports") || path.StartsWithSegments("/health");

    public static IServiceCollection AddPageSignIn(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        var options = configuration.GetSection("SignIn").Get<SignInOptions>() ?? new SignInOptions();
        if (options.IdleMinutes is < 1 or > 480)
            throw new StartupRefusedException("SignIn:IdleMinutes must be between 1 and 480.");
        var tokens = configuration.GetSection("Authentication").Get<AuthenticationOptions>() ?? new AuthenticationOptions();
        services.AddSingleton(options);
        services.AddMemoryCache();
        services.AddSingleton<PageSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<PageSessionStore>((cookie, store) =>
            cookie.SessionStore = store);
        var authentication = services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "hc-session";
            cookie.Cookie.HttpOnly = true;
            // Lax, not Strict: the identity provider's redirect back is a cross-site navigation.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.IdleMinutes);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = SignOutPath;
            cookie.ReturnUrlParameter = "returnUrl";
            // A page of another role is refused where it is asked for (403 and the Danish error page), not redirected.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        if (!string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.ClientId))
            throw new StartupRefusedException("SignIn:ClientId must be given with SignIn:Authority (the pages' client at the identity " +
                "provider).");
        if (!string.IsNullOrWhiteSpace(options.Authority))
            authentication.AddOpenIdConnect(OpenIdScheme, oidc =>
            {
                oidc.Authority = options.Authority;
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.SignInScheme = Scheme;
                oidc.CallbackPath = "/signin-oidc";
                oidc.RequireHttpsMetadata = !isDevelopment;
                oidc.MapInboundClaims = false;
                oidc.SaveTokens = false;
                oidc.GetClaimsFromUserInfoEndpoint = options.GetClaimsFromUserInfoEndpoint;
                foreach (var scope in options.Scopes) oidc.Scope.Add(scope);
                oidc.TokenValidationParameters.NameClaimType = "sub";
                oidc.TokenValidationParameters.RoleClaimType = tokens.RoleClaim;
                foreach (var claim in new[] { tokens.RoleClaim, tokens.MunicipalityClaim, tokens.FacilityClaim })
                    oidc.ClaimActions.MapJsonKey(claim, claim);
                // The session keeps only what the API's tokens carry: the rest of the provider's claims stay with the provider.
                oidc.Events.OnTicketReceived = context =>
                {
                    if (context.Principal is { } principal) context.Principal = Principal(principal.Claims, tokens, "oidc");
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization(authorization =>
        {
            foreach (var role in Enum.GetValues<Role>())
                authorization.AddPolicy(Policy(role), policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                    .RequireRole(role.ToString()));
            authorization.AddPolicy("Pages.SignedIn", policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        });
        return services;
    }

    /// <summary>A session principal with the token's claims only (sub, name, role, municipality, facility).</summary>
    public static ClaimsPrincipal Principal(IEnumerable<Claim> claims, AuthenticationOptions tokens, string authenticationType)
    {
        var kept = new HashSet<string> { "sub", "name", tokens.RoleClaim, tokens.MunicipalityClaim, tokens.FacilityClaim };
        var identity = new ClaimsIdentity(claims.Where(c => kept.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value)),
            authenticationType, "sub", tokens.RoleClaim);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// A page request: the session cookie (if any) becomes the request's caller through the same checks as a token; a session whose
    /// role, municipality or facilities no longer hold is ended.
    /// </summary>
    public static async Task ReadSessionAsync(HttpContext http, Func<HttpContext, Task<Caller>> callerFromClaims)
    {
        var result = await http.AuthenticateAsync(Scheme);
        http.User = new ClaimsPrincipal(new ClaimsIdentity());
        if (!result.Succeeded) return;
        http.User = result.Principal;
        try
        {
            var scope = http.RequestServices.GetRequiredService<CallerScope>();
            scope.Current = await callerFromClaims(http);
            AccessLog.Describe(scope, http);
        }
        catch (AccessDeniedException)
        {
            await http.SignOutAsync(Scheme);
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
    }

    public static bool HasIdentityProvider(IServiceProvider services) =>
        !string.IsNullOrWhiteSpace(services.GetRequiredService<SignInOptions>().Authority);

    public static Task ChallengeIdentityProviderAsync(HttpContext http, string returnUrl) =>
        http.ChallengeAsync(OpenIdScheme, new AuthenticationProperties { RedirectUri = returnUrl });
}
