using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HousingCapacity.Api.Security;

public static class Authentication
{
    /// <summary>Public (it is in this file): only for Development and tests.</summary>
    public static readonly string DevelopmentSigningKey =
        Convert.ToBase64String(SHA256.HashData(
            Encoding.UTF8.GetBytes("HousingCapacity development signing key, public, never for real data")));

    /// <summary>The keys tokens are checked with, refusing the development key outside Development.</summary>
    public static IReadOnlyList<SecurityKey> SigningKeys(AuthenticationOptions options, bool isDevelopment)
    {
        if (!isDevelopment && options.SigningKeys.Contains(DevelopmentSigningKey))
            throw new StartupRefusedException("Authentication:SigningKeys holds the public development key; it is refused outside " +
                "Development.");
        if (options.SigningKeys.Count == 0)
        {
            if (isDevelopment) return [new SymmetricSecurityKey(Convert.FromBase64String(DevelopmentSigningKey))];
            if (string.IsNullOrWhiteSpace(options.Authority))
                throw new StartupRefusedException("Outside Development, set Authentication:Authority (the identity provider) or " +
                                                    "Authentication:SigningKeys (base64 of at least 32 random bytes, e.g. `openssl rand " +
                                                        "-base64 32`).");
            return [];
        }
        return options.SigningKeys.Select(k =>
        {
            var bytes = Convert.FromBase64String(k);
            return bytes.Length >= 32 ? (SecurityKey)new SymmetricSecurityKey(bytes)
                : throw new StartupRefusedException("Each Authentication:SigningKeys entry must be base64 of at least 32 bytes.");
        }).ToList();
    }

    public static IServiceCollection AddTokenAuthentication(this IServiceCollection services, IConfiguration configuration,
        bool isDevelopment)
    {
        var options = configuration.GetSection("Authentication").Get<AuthenticationOptions>() ?? new AuthenticationOptions();
        var keys = SigningKeys(options, isDevelopment);
        services.AddSingleton(options);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.RequireHttpsMetadata = !isDevelopment;
            if (!string.IsNullOrWhiteSpace(options.Authority)) jwt.Authority = options.Authority;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKeys = keys.Count > 0 ? keys : null,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromMinutes(1),
                NameClaimType = "sub",
                RoleClaimType = options.RoleClaim,
            };
            jwt.Events = new JwtBearerEvents
            {
                // The OData error format, in Danish and English, instead of an empty 401.
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
                        ? "Bearer" : "Bearer error=\"invalid_token\"";
                    var (da, en) = context.AuthenticateFailure is null
                        ? ("Der mangler et adgangstoken (Authorization: Bearer …).",
                            "An access token is required (Authorization: Bearer …).")
                        : ("Adgangstokenet er ugyldigt eller udløbet.", "The access token is invalid or has expired.");
                    await new ODataProblem(401, "Unauthorized", da, en).WriteAsync(context.Response);
                },
            };
        });
        return services;
    }

    /// <summary>
    /// Every API request but /health must carry a valid token whose role and municipality (and, for staff, facilities) are known;
    /// the caller it describes becomes the request's <see cref="CallerScope"/>.
    /// </summary>
    public static void UseTokenAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (http, next) =>
        {
            if (!PageSignIn.IsApiPath(http.Request.Path))
            {
                await PageSignIn.ReadSessionAsync(http, CallerFromClaimsAsync);
                await next(http);
                return;
            }
            if (http.Request.Path.StartsWithSegments("/health"))
            {
                await next(http);
                return;
            }
            if (http.User.Identity?.IsAuthenticated != true)
            {
                await http.ChallengeAsync();
                return;
            }
            try
            {
                var scope = http.RequestServices.GetRequiredService<CallerScope>();
                scope.Current = await CallerFromClaimsAsync(http);
                AccessLog.Describe(scope, http);
                // The purpose is a free text kept in the log and shown in a person's export: never a CPR number (issue 23).
                Privacy.EnsureNoCpr(http.Request.Headers[AccessLog.PurposeHeader].ToString(), AccessLog.PurposeHeader);
            }
            catch (AccessDeniedException e)
            {
                await new ODataProblem(403, "Forbidden", e.MessageDa, e.MessageEn).WriteAsync(http.Response);
                return;
            }
            catch (ODataProblem problem)
            {
                await problem.WriteAsync(http.Response);
                return;
            }
            await next(http);
        });
    }

    /// <summary>The caller a token or a page session names, checked the same way for both.</summary>
    internal static async Task<Caller> CallerFromClaimsAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<AuthenticationOptions>();
        var user = http.User;
        var name = user.FindFirstValue("sub") ?? user.FindFirstValue("name")
            ?? throw new AccessDeniedException("Tokenet mangler en bruger (sub).", "The token names no user (sub).");
        // One role and one municipality: a token naming two would be read by whichever code looked first.
        var roles = user.FindAll(options.RoleClaim).Select(c => c.Value).Distinct().ToList();
        if (roles.Count != 1 || !Enum.TryParse<Role>(roles[0], ignoreCase: false, out var role) || !Enum.IsDefined(role))
            throw new AccessDeniedException($"Tokenet skal have netop én gyldig rolle ({string.Join(", ", Enum.GetNames<Role>())}).",
                $"The token must carry exactly one valid role ({string.Join(", ", Enum.GetNames<Role>())}).");
        var codes = user.FindAll(options.MunicipalityClaim).Select(c => c.Value).Distinct().ToList();
        if (codes.Count != 1 || !int.TryParse(codes[0], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var code))
            throw new AccessDeniedException("Tokenet skal angive netop én kommunekode.",
                "The token must name exactly one municipality code.");
        static int? FacilityId(string claim) =>
            int.TryParse(claim, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                && id > 0 ? id : null;
        var facilityClaims = user.FindAll(options.FacilityClaim).Select(c => c.Value).Distinct().ToList();
        var facilities = facilityClaims.Select(FacilityId).OfType<int>().Distinct().ToList();
        if (role == Role.ShelterStaff && facilities.Count == 0)
            throw new AccessDeniedException("Et ShelterStaff-token skal angive mindst ét tilbud (facility).",
                "A ShelterStaff token must name at least one facility.");

        // What the catalogue says of the code and the facilities: read once per process (a code and a facility's municipality
        // never change, see migration 0008), through a context of its own that sees everything, because the request's own
        // context is built for the caller found here.
        var dbOptions = http.RequestServices.GetRequiredService<DbContextOptions<HousingDbContext>>();
        var shared = http.RequestServices.GetRequiredService<HousingDatabase>();
        var known = shared.Catalogue;
        HousingDbContext? lookup = null;
        try
        {
            HousingDbContext Lookup() => lookup ??= new HousingDbContext(dbOptions, CallerScope.ForSystem("authentication"),
                NodaTime.SystemClock.Instance, shared);
            // Every role is scoped by its municipality, so it must exist (municipalities are created by the `municipality` command).
            var municipalityId = await known.MunicipalityIdAsync(code, Lookup, http.RequestAborted)
                ?? throw new AccessDeniedException($"Kommunen {code} i tokenet findes ikke.",
                    $"The municipality {code} in the token does not exist.");
            if (role == Role.ShelterStaff)
            {
                // Staff work at their municipality's own places: a facility claim of another municipality (or none) is refused.
                var own = await known.FacilitiesOfAsync(municipalityId, facilities, Lookup, http.RequestAborted);
                var foreign = facilityClaims.Where(claim => FacilityId(claim) is not { } id || !own.Contains(id)).ToList();
                if (foreign.Count > 0)
                    throw new AccessDeniedException($"Tokenets tilbud ({string.Join(", ", foreign)}) hører ikke til kommune {code}.",
                        $"The token's facilities ({string.Join(", ", foreign)}) do not belong to municipality {code}.");
            }
            return Caller.Person(name, role, municipalityId, code, role == Role.ShelterStaff ? facilities : []);
        }
        finally
        {
            if (lookup is not null) await lookup.DisposeAsync();
        }
    }

    /// <summary>Signs a token as the identity provider would (the `token` command and the tests).</summary>
    public static string IssueToken(AuthenticationOptions options, SecurityKey key, string subject, Role role, int municipalityCode,
        IEnumerable<int> facilityIds, DateTime now, TimeSpan lifetime)
    {
        var claims = new List<Claim>
        {
            new("sub", subject),
            new("name", subject),
            new(options.RoleClaim, role.ToString()),
            new(options.MunicipalityClaim, municipalityCode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(facilityIds.Select(f => new Claim(options.FacilityClaim,
            f.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
