namespace HousingCapacity.Api.OData;

/// <summary>
/// $skip, $top and server-driven paging: a response holds at most one page (OData:DefaultPageSize, or less
/// with Prefer: odata.maxpagesize) and links to the next with @odata.nextLink. One row more than the page is
/// read to know whether there is a next page.
/// </summary>
internal sealed record Page(int Skip, int Take, long? Top)
{
    public static Page Read(ODataRequest request)
    {
        var skip = request.Parser.ParseSkip() ?? 0;
        var top = request.Parser.ParseTop();
        if (top > request.Options.MaxTop)
            throw ODataProblem.LimitExceeded("MaxTop", request.Options.MaxTop, "$top er for stor.", "$top is too large.");
        if (skip > int.MaxValue || top < 0 || skip < 0)
            throw ODataProblem.BadRequest("InvalidPaging", "$skip eller $top er uden for det tilladte interval.", "$skip or $top is out of range.");
        return new Page((int)skip, (int)Math.Min(top ?? long.MaxValue, PageSize(request)), top);
    }

    /// <summary>Drops the extra row, if read, and returns the link to the next page when there is one.</summary>
    public Uri? Trim<T>(List<T> rows, ODataRequest request)
    {
        if (rows.Count <= Take) return null;
        rows.RemoveAt(rows.Count - 1);
        return Top is null || Top > Take ? NextLink(request, (long)Skip + Take, Top is null ? null : Top - Take) : null;
    }

    private static int PageSize(ODataRequest request)
    {
        var pageSize = request.Options.DefaultPageSize;
        foreach (var prefer in request.Http.Request.Headers["Prefer"].ToString().Split(',', StringSplitOptions.TrimEntries))
            if (prefer.StartsWith("odata.maxpagesize=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(prefer["odata.maxpagesize=".Length..], out var wanted) && wanted > 0)
                pageSize = Math.Min(wanted, request.Options.MaxTop);
        return pageSize;
    }

    private static Uri NextLink(ODataRequest request, long skip, long? top)
    {
        var query = request.Http.Request.Query
            .Where(q => !q.Key.Equals("$skip", StringComparison.OrdinalIgnoreCase) && !q.Key.Equals("$top", StringComparison.OrdinalIgnoreCase))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"$skip={skip}");
        if (top is not null) query = query.Append($"$top={top}");
        var path = request.RequestUri.GetLeftPart(UriPartial.Path);
        return new Uri(path + "?" + string.Join("&", query));
    }
}
