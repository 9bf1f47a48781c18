namespace HousingCapacity.Api.OData;

/// <summary>Limits of the OData service (appsettings.json, section "OData"). Past a limit a request gets a 400 naming it.</summary>
public sealed class ODataLimits
{
    /// <summary>The largest $top a client may ask for.</summary>
    public int MaxTop { get; set; } = 1000;
    /// <summary>Rows per page before the server answers with @odata.nextLink.</summary>
    public int DefaultPageSize { get; set; } = 100;
    /// <summary>How deep $expand may nest.</summary>
    public int MaxExpandDepth { get; set; } = 3;
    /// <summary>The most nodes (operators, properties, literals, functions) a $filter or $orderby may have.</summary>
    public int MaxFilterNodes { get; set; } = 100;
    /// <summary>The largest request body, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
    /// <summary>The most requests one $batch may hold (change sets' requests counted one by one).</summary>
    public int MaxBatchRequests { get; set; } = 100;
}
