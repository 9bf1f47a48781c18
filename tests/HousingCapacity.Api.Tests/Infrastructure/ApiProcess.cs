using System.Diagnostics;

namespace HousingCapacity.Api.Tests.Infrastructure;

/// <summary>
/// The API as a process of its own (`dotnet HousingCapacity.Api.dll`, Development) on a loopback port, on a database another
/// process also uses: for races across processes and kill -9.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ApiProcess(Process process, string url) => (_process, Url) = (process, url);

    public string Url { get; }
    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<ApiProcess> StartAsync(TempDatabase database, params string[] settings)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HousingCapacity.Api.dll"));
        foreach (var arg in (string[])[.. database.Arguments, $"--Urls={url}", "--Database:SeedDemoData=false",
                     "--RateLimits:WritesPerMinute=100000", "--Logging:LogLevel:Default=Warning", .. settings])
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        var api = new ApiProcess(Process.Start(start)!, url);
        api._process.OutputDataReceived += (_, e) => { lock (api._output) api._output.AppendLine(e.Data); };
        api._process.ErrorDataReceived += (_, e) => { lock (api._output) api._output.AppendLine(e.Data); };
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        for (var i = 0; i < 300; i++)
        {
            if (api._process.HasExited) throw new InvalidOperationException("The API process stopped: " + api.Output);
            try
            {
                if ((await api.Client.GetAsync(url + "/health")).IsSuccessStatusCode) return api;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The API process did not answer /health: " + api.Output);
    }

    public HttpClient As(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>kill -9: the process gets no chance to finish anything.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private static int FreePort()
    {
        var listener = System.Net.Sockets.TcpListener.Create(0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        _process.Dispose();
        Client.Dispose();
        await Task.CompletedTask;
    }
}
