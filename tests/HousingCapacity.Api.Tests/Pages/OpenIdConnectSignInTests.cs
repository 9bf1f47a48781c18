using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>
/// With an identity provider configured (SignIn:Authority, ClientId) the sign-in page hands over to it: the authorization code
/// flow with PKCE, back to /signin-oidc. The provider here is a stand-in on a loopback port that serves its discovery document.
/// </summary>
public sealed class OpenIdConnectSignInTests : IAsyncLifetime
{
    private readonly HttpListener _provider = new();
    private string _authority = "";
    private WebApplicationFactory<Program> _app = null!;
    private readonly TempDatabase _file = new("oidc");

    public async Task InitializeAsync()
    {
        _authority = $"http://127.0.0.1:{FreePort()}";
        _provider.Prefixes.Add(_authority + "/");
        _provider.Start();
        _ = Task.Run(ServeAsync);
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", _file.Provider);
            b.UseSetting("Database:ConnectionString", _file.ConnectionString);
            b.UseSetting("Database:SeedDemoData", "false");
            b.UseSetting("SignIn:Authority", _authority);
            b.UseSetting("SignIn:ClientId", "housingcapacity-pages");
        });
        await Task.CompletedTask;
    }

    private static int FreePort()
    {
        var listener = System.Net.Sockets.TcpListener.Create(0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_provider.IsListening)
        {
            HttpListenerContext context;
            try { context = await _provider.GetContextAsync(); }
            catch (Exception) { return; }
            var body = context.Request.Url!.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => $$"""
                    {"issuer":"{{_authority}}","authorization_endpoint":"{{_authority}}/authorize","token_endpoint":"{{_authority}}/token",
                     "jwks_uri":"{{_authority}}/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"]}
                    """,
                "/jwks" => """{"keys":[]}""",
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    [Fact]
    public async Task SignInPage_WithAnIdentityProvider_RedirectsToItsAuthorizeEndpoint_WithPkce()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var reply = await client.GetAsync("/logind?returnUrl=%2Fsagsbehandler");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        var location = reply.Headers.Location!.ToString();
        Assert.StartsWith($"{_authority}/authorize?", location);
        Assert.Contains("client_id=housingcapacity-pages", location);
        Assert.Contains("response_type=code", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains("redirect_uri=http%3A%2F%2Flocalhost%2Fsignin-oidc", location);
        // No demo-user picker when the municipality's provider signs people in.
        using var pages = await client.GetAsync("/personale");
        Assert.StartsWith("/logind", pages.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _provider.Stop();
        _provider.Close();
        _file.Dispose();
    }
}
