namespace HousingCapacity.Api.Features.Shared;

/// <summary>The pages' one stylesheet, compiled into the assembly so it is there however the app is started.</summary>
public static class PageAssets
{
    public const string StylesheetPath = "/css/site.css";

    private static readonly Lazy<byte[]> Stylesheet = new(() =>
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("HousingCapacity.Api.site.css")
            ?? throw new InvalidOperationException("The stylesheet is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void MapPageAssets(this IEndpointRouteBuilder app) =>
        app.MapGet(StylesheetPath, (HttpContext http) =>
        {
            // Not personal data: cached by the browser for a day (the security headers leave this answer's caching alone).
            http.Items[CacheableKey] = true;
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Bytes(Stylesheet.Value, "text/css; charset=utf-8");
        }).AllowAnonymous();

    public const string CacheableKey = "HousingCapacity.Cacheable";
}
