using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.SignIn;

/// <summary>Sign-out ends the session here (a POST, with the antiforgery token, so another site cannot sign one out).</summary>
[AllowAnonymous]
public sealed class SignOutModel : HousingPage
{
    public override string Title => "Log ud";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PageSignIn.Scheme);
        return LocalRedirect(PageSignIn.SignInPath + "?signedOut=true");
    }
}
