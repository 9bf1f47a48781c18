namespace HousingCapacity.Api.Host;

/// <summary>The HTTP status of each kind of refusal: the API's OData error and a page's answer give the same.</summary>
public static class HttpStatus
{
    public static int Of(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.NotAllowedHere => StatusCodes.Status405MethodNotAllowed,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Changed => StatusCodes.Status412PreconditionFailed,
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalKind.UnsupportedForm => StatusCodes.Status415UnsupportedMediaType,
        RefusalKind.RuleBroken => StatusCodes.Status422UnprocessableEntity,
        RefusalKind.TooMany => StatusCodes.Status429TooManyRequests,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The Retry-After header (whole seconds, at least one), when there is a time to try again.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
            response.Headers.RetryAfter =
                Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
