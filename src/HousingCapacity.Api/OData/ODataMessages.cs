using Microsoft.OData;

namespace HousingCapacity.Api.OData;

/// <summary>Adapters between ASP.NET Core's request/response and ODataMessageReader/Writer.</summary>
internal sealed class BufferedResponseMessage(Stream stream) : IODataResponseMessage, IContainerProvider, IDisposable
{
    // ODataMessageWriter copies its settings into the container's scoped ODataMessageWriterSettings: one scope per
    // message, or concurrent responses would share (and overwrite) one settings object.
    private readonly IServiceScope _scope = ODataContainer.Instance.CreateScope();
    public IServiceProvider Container => _scope.ServiceProvider;
    public void Dispose() => _scope.Dispose();
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    public IEnumerable<KeyValuePair<string, string>> Headers => _headers;
    public int StatusCode { get; set; } = 200;
    public string? GetHeader(string headerName) => _headers.GetValueOrDefault(headerName);
    public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;
    public Stream GetStream() => stream;
}

internal sealed class BodyRequestMessage(HttpRequest request, Stream body) : IODataRequestMessage
{
    public IEnumerable<KeyValuePair<string, string>> Headers =>
        request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
    public Uri Url { get => new(request.Path + request.QueryString, UriKind.Relative); set => throw new NotSupportedException(); }
    public string Method { get => request.Method; set => throw new NotSupportedException(); }
    public string? GetHeader(string headerName) => request.Headers.TryGetValue(headerName, out var v) ? v.ToString() : null;
    public void SetHeader(string headerName, string headerValue) => throw new NotSupportedException();
    public Stream GetStream() => body;
}
