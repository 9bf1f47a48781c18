namespace HousingCapacity.Api.Features.Shared;

/// <summary>
/// The web pages (Razor Pages, rendered on the server, no script): they live beside their features (Features/&lt;Feature&gt;/),
/// each with an absolute Danish route (<c>@page "/personale"</c>).
/// </summary>
public static class PagesSetup
{
    public static IServiceCollection AddHousingPages(this IServiceCollection services)
    {
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Features";
            // Every page needs a session unless it says otherwise (sign-in, the error page).
            pages.Conventions.AuthorizeFolder("/", "Pages.SignedIn");
        }).AddMvcOptions(mvc =>
        {
            mvc.Filters.Add<PageRefusalFilter>();
            mvc.Filters.Add<PageAccessLogFilter>();
        });
        // Danish letters as themselves in the HTML (æ, ø, å), not as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(encoder =>
            encoder.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "hc-antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });
        return services;
    }

    /// <summary>
    /// A page's 4xx without a body of its own (404, 403 of another role's page) gets the Danish error page; the API's paths keep
    /// their OData errors. Before routing, so that the error page is routed when the request is run again.
    /// </summary>
    public static void UseHousingPageErrors(this WebApplication app) =>
        app.UseWhen(http => !PageSignIn.IsApiPath(http.Request.Path), pages =>
        {
            pages.UseStatusCodePagesWithReExecute("/fejl/{0}");
            // Pages are read (GET) and posted (POST); anything else is 405, not a page run without its handler.
            pages.Use(async (http, next) =>
            {
                if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                    || HttpMethods.IsPost(http.Request.Method)
                    || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
                {
                    await next(http);
                    return;
                }
                http.Response.Headers.Allow = "GET, POST";
                // OPTIONS asks which methods there are: the answer is the Allow header.
                http.Response.StatusCode = HttpMethods.IsOptions(http.Request.Method) ? StatusCodes.Status204NoContent
                    : StatusCodes.Status405MethodNotAllowed;
            });
        });

    /// <summary>The last resort of a page: a short Danish page of its own (the layout may be what failed).</summary>
    public static Task WriteUnexpectedErrorAsync(HttpResponse response, bool databaseUnavailable = false)
    {
        response.StatusCode = databaseUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        response.ContentType = "text/html; charset=utf-8";
        var (title, text) = databaseUnavailable
            ? ("Databasen kan ikke nås lige nu", "Intet er ændret. Prøv igen om lidt.")
            : ("Der opstod en uventet fejl", "Fejlen er logget. Prøv igen om lidt.");
        return response.WriteAsync($"""
            <!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} – Boligkapacitet</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="indhold"><h1>{title}</h1><p>{text}</p>
            <p><a href="/">Til forsiden</a></p></main></body></html>
            """);
    }

    public static void MapHousingPages(this WebApplication app)
    {
        app.MapPageAssets();
        app.MapRazorPages();
    }
}
