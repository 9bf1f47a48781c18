using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace HousingCapacity.Api.Features.SignIn;

/// <summary>
/// Sign-in. In production it hands over to the municipality's identity provider (OpenID Connect); in Development it lets one
/// pick a demo user (role, municipality, facility), whose claims are checked exactly as a token's are.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(IWebHostEnvironment environment, Security.AuthenticationOptions tokens) : HousingPage
{
    public override string Title => "Log ind";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public Role? Role { get; set; }
    [BindProperty] public int? MunicipalityCode { get; set; }
    [BindProperty] public int? FacilityId { get; set; }
    [BindProperty(SupportsGet = true)] public bool SignedOut { get; set; }

    public bool DemoUsers => environment.IsDevelopment();
    public bool IdentityProvider => PageSignIn.HasIdentityProvider(HttpContext.RequestServices);
    public List<SelectListItem> Municipalities { get; private set; } = [];
    public List<SelectListItem> Facilities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Caller.Role is { } role) return LocalRedirect(SafeReturnUrl(role));
        if (IdentityProvider && !SignedOut)
        {
            await PageSignIn.ChallengeIdentityProviderAsync(HttpContext, SafeReturnUrl(null));
            return new EmptyResult();
        }
        if (!DemoUsers && !IdentityProvider) Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Picking a user is for Development only: in production the identity provider says who one is.
        if (!DemoUsers) return NotFound();
        if (Role is not { } role || !Enum.IsDefined(role)) Invalid(nameof(Role), "Vælg en rolle.");
        if (MunicipalityCode is null) Invalid(nameof(MunicipalityCode), "Vælg en kommune.");
        if (Role == Security.Role.ShelterStaff && FacilityId is null) Invalid(nameof(FacilityId), "Personale skal vælge deres tilbud.");
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync();
            return Page();
        }
        var name = $"demo-{Role}-{MunicipalityCode}{(Role == Security.Role.ShelterStaff ? "-" + FacilityId : "")}";
        var claims = new List<System.Security.Claims.Claim>
        {
            new("sub", name), new("name", name), new(tokens.RoleClaim, Role!.Value.ToString()),
            new(tokens.MunicipalityClaim, MunicipalityCode!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (Role == Security.Role.ShelterStaff)
            claims.Add(new(tokens.FacilityClaim, FacilityId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var principal = PageSignIn.Principal(claims, tokens, "development");
        HttpContext.User = principal;
        try
        {
            // The same checks as for a token: the municipality exists, the facility is one of its own.
            await Authentication.CallerFromClaimsAsync(HttpContext);
        }
        catch (AccessDeniedException e)
        {
            Invalid(Role == Security.Role.ShelterStaff ? nameof(FacilityId) : nameof(MunicipalityCode), e.MessageDa);
            await LoadChoicesAsync();
            return Page();
        }
        await HttpContext.SignInAsync(PageSignIn.Scheme, principal);
        return LocalRedirect(SafeReturnUrl(Role.Value));
    }

    private string SafeReturnUrl(Role? role) =>
        ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith(PageSignIn.SignInPath, StringComparison.Ordinal)
            ? url : role is { } r ? Navigation.Home(r) : "/";

    private async Task LoadChoicesAsync()
    {
        if (!DemoUsers) return;
        Municipalities = await Db.Unscoped<Municipality>().OrderBy(m => m.Name)
            .Select(m => new SelectListItem($"{m.Name} ({m.Code})", m.Code.ToString())).ToListAsync(HttpContext.RequestAborted);
        var facilities = await Db.Unscoped<Facility>().Where(f => f.IsActive).OrderBy(f => f.MunicipalityId).ThenBy(f => f.Name)
            .Select(f => new { f.Id, f.Name, f.Municipality!.Code, Municipality = f.Municipality.Name })
            .ToListAsync(HttpContext.RequestAborted);
        var groups = facilities.Select(f => f.Municipality).Distinct().ToDictionary(m => m, m => new SelectListGroup { Name = m });
        Facilities = facilities.Select(f => new SelectListItem($"{f.Name} ({f.Code})", f.Id.ToString()) { Group = groups[f.Municipality] })
            .ToList();
    }
}
