using System.Threading.RateLimiting;
using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Security;

/// <summary>Rate limits, security headers, HTTPS and HSTS: the abuse limits every response goes through.</summary>
public static class AbuseLimits
{
    public static IServiceCollection AddAbuseLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds)
                        .ToString(System.Globalization.CultureInfo.InvariantCulture);
                // A page's post past the limit gets the Danish error page (the status code pages fill an empty answer).
                if (!PageSignIn.IsApiPath(context.HttpContext.Request.Path)) return;
                await TooManyRequests().WriteAsync(context.HttpContext.Response);
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var kind = Kind(http.Request);
                // The error page shown for a refused page post is the same request run again: it is not counted twice.
                if (kind is null || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
                    return RateLimitPartition.GetNoLimiter("reads");
                // Per user (the token's subject); per client address for requests without a valid token.
                var caller = http.User.Identity?.IsAuthenticated == true ? "user:" + http.User.Identity.Name : "ip:"
                    + http.Connection.RemoteIpAddress;
                var permits = kind == "write" ? options.WritesPerMinute : options.HeavyQueriesPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter($"{kind}|{caller}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    public static ODataProblem TooManyRequests(TimeSpan? retryAfter = null) => new(429, "TooManyRequests",
        "For mange forespørgsler; vent lidt og prøv igen.", "Too many requests; wait a little and try again.") { RetryAfter = retryAfter };

    private static string? Kind(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method)) return "write";
        if (request.Path.StartsWithSegments("/reports") || request.Query.ContainsKey("$apply")
            || request.Query.ContainsKey("$expand")) return "heavy";
        return null;
    }

    /// <summary>HTTPS, HSTS and the security headers; the rate limiter itself runs after authentication (Program.cs).</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        // Set as the answer starts, not as the request comes in: an error answer clears the headers it had so far
        // (Response.Clear), and must carry these all the same.
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // The pages load their own stylesheet and post their forms to themselves, nothing else (no script is needed).
                headers.ContentSecurityPolicy = PageSignIn.IsApiPath(http.Request.Path)
                    ? "default-src 'none'; frame-ancestors 'none'"
                    : "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri " +
                        "'none'";
                // Answers may hold personal data: never kept by a browser or a proxy (the stylesheet excepted).
                if (!http.Items.ContainsKey(Features.Shared.PageAssets.CacheableKey)) headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next(http);
        });
    }
}
