using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Authorization;

namespace HousingCapacity.Api.Features.SignIn;

/// <summary>The Danish page for a status without a page of its own (another role's page, an address that does not exist).</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken] // it changes nothing, and is shown for a post that was refused for another reason
public sealed class ErrorModel : HousingPage
{
    /// <summary>From the address, so that it holds whatever the method of the request that ended here (a PUT gets 405 too).</summary>
    public int Status => int.TryParse(RouteData.Values["status"]?.ToString(), out var status) && status is >= 400 and <= 599 ? status : 500;
    public override string Title => Status switch
    {
        403 => "Ingen adgang",
        404 => "Siden findes ikke",
        405 => "Ikke tilladt",
        429 => "For mange forespørgsler",
        _ => "Der opstod en fejl",
    };

    /// <summary>The Danish reason a page's handler was refused with (set by PageRefusalFilter), shown instead of the general one.</summary>
    public const string ReasonKey = "HousingCapacity.PageRefusalReason";

    public string Explanation => HttpContext.Items[ReasonKey] as string ?? Status switch
    {
        403 => "Siden hører til en anden rolle end din. Brug menuen til dine egne sider.",
        404 => "Adressen findes ikke. Brug menuen, eller gå til forsiden.",
        405 => "Siden kan ikke bruges på den måde.",
        400 => "Forespørgslen kunne ikke læses. Gå tilbage og prøv igen.",
        429 => "Du har sendt mange formularer på kort tid. Vent et minut, og prøv igen.",
        _ => "Prøv igen om lidt.",
    };
}
