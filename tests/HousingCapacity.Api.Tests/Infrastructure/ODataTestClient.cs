using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace HousingCapacity.Api.Tests.Infrastructure;

/// <summary>
/// Calls the API and reads every OData response back with ODataMessageReader against the service's own
/// $metadata, so that a payload a standard OData client could not read fails the test.
/// </summary>
public sealed class ODataTestClient
{
    private readonly HttpClient _client;
    private readonly string? _token;

    private ODataTestClient(HttpClient client, IEdmModel model, string? token = null)
    {
        _client = client;
        Model = model;
        _token = token;
    }

    /// <summary>The same client, sending this bearer token instead of the HttpClient's own.</summary>
    public ODataTestClient WithToken(string token) => new(_client, Model, token);

    public IEdmModel Model { get; }

    public static async Task<ODataTestClient> CreateAsync(HttpClient client)
    {
        var xml = await client.GetStringAsync("/odata/$metadata");
        using var reader = XmlReader.Create(new StringReader(xml));
        if (!CsdlReader.TryParse(reader, out var model, out var errors))
            throw new InvalidOperationException("$metadata does not parse: " + string.Join("; ", errors));
        return new ODataTestClient(client, model);
    }

    public sealed record Reply(HttpStatusCode Status, string Body, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public JsonElement Value => Json.GetProperty("value");
        public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;
        public string ErrorMessage => Json.GetProperty("error").GetProperty("message").GetString()!;
    }

    public Task<Reply> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        if (_token is not null && request.Headers.Authorization is null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var reply = new Reply(response.StatusCode, body, response.Headers, response.Content.Headers);
        Assert.True((int)response.StatusCode < 500, $"{request.Method} {request.RequestUri} gave {(int)response.StatusCode}: {body}\n"
            + string.Join("\n", LogSink.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(3)));
        if (body.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
            ReadBack(body, response.Content.Headers.ContentType.ToString(), (int)response.StatusCode);
        return reply;
    }

    public Task<Reply> SendJsonAsync(HttpMethod method, string url, string json, string? ifMatch = null, string? prefer = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (prefer is not null) request.Headers.TryAddWithoutValidation("Prefer", prefer);
        return SendAsync(request);
    }

    /// <summary>Reads the payload as a standard client would: a resource set, a resource, a property or an error.</summary>
    private void ReadBack(string body, string contentType, int status)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var message = new InMemoryResponse(body, contentType, status);
        var settings = new ODataMessageReaderSettings { EnableMessageStreamDisposal = true };
        settings.Validations &= ~ValidationKinds.ThrowOnUndeclaredPropertyForNonOpenType;
        using var reader = new ODataMessageReader(message, settings, Model);
        if (root.TryGetProperty("error", out _))
        {
            var error = reader.ReadError();
            Assert.False(string.IsNullOrEmpty(error.Code));
            Assert.False(string.IsNullOrEmpty(error.Message));
            return;
        }
        if (!root.TryGetProperty("@odata.context", out var context)) return;
        var contextUrl = context.GetString()!;
        if (contextUrl.EndsWith("$metadata", StringComparison.Ordinal))
        {
            reader.ReadServiceDocument();
            return;
        }
        if (root.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Array && !contextUrl.Contains("$entity"))
        {
            reader.ReadProperty();
            return;
        }
        var odataReader = root.TryGetProperty("value", out _) ? reader.CreateODataResourceSetReader() : reader.CreateODataResourceReader();
        while (odataReader.Read()) { }
        Assert.Equal(ODataReaderState.Completed, odataReader.State);
    }

    private sealed class InMemoryResponse(string body, string contentType, int status) : IODataResponseMessage
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = contentType,
            ["OData-Version"] = "4.0",
        };
        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;
        public int StatusCode { get => status; set { } }
        public string? GetHeader(string headerName) => _headers.GetValueOrDefault(headerName);
        public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;
        public Stream GetStream() => new MemoryStream(Encoding.UTF8.GetBytes(body));
    }
}
