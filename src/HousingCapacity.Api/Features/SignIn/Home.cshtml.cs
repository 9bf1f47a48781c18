using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.SignIn;

/// <summary>The start page is the role's own first page.</summary>
public sealed class HomeModel : HousingPage
{
    public override string Title => "Boligkapacitet";

    public IActionResult OnGet() => Caller.Role is { } role ? LocalRedirect(Navigation.Home(role)) : LocalRedirect(PageSignIn.SignInPath);
}
