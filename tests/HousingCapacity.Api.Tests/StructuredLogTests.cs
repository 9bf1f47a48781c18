using System.Text.Json;
using HousingCapacity.Api.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Issue 29.3: log lines keep their named values (the JSON console formatter writes them as fields) while every value, the message,
/// the scopes and the exception are scrubbed of CPR numbers before a provider sees them.
/// </summary>
public sealed class StructuredLogTests
{
    private sealed class Capture : ILoggerProvider
    {
        public List<(string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception)> Lines { get; } = [];
        public List<object> Scopes { get; } = [];
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(Capture capture) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                capture.Scopes.Add(state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                capture.Lines.Add((formatter(state, exception), (IReadOnlyList<KeyValuePair<string, object?>>)state!, exception));
        }
    }

    private sealed class Filters : IOptionsMonitor<LoggerFilterOptions>
    {
        public LoggerFilterOptions CurrentValue { get; } = new() { MinLevel = LogLevel.Trace };
        public LoggerFilterOptions Get(string? name) => CurrentValue;
        public IDisposable? OnChange(Action<LoggerFilterOptions, string?> listener) => null;
    }

    [Fact]
    public void ALine_KeepsItsNamedValues_AndEveryCprNumberInThemIsMasked()
    {
        var capture = new Capture();
        using var factory = new RedactingLoggerFactory([capture], new Filters(), Options.Create(new LoggerFactoryOptions()));
        var logger = factory.CreateLogger("Test");
        using (logger.BeginScope("Person {Cpr}", "010170-1234")) { }
        logger.LogWarning(new InvalidOperationException("Lookup of 0101701234 failed"), "Allocated unit {UnitId} to {Who} on {Night}",
            7, "010170-1234 Hansen", new DateOnly(2026, 11, 22));

        var (message, state, exception) = Assert.Single(capture.Lines);
        Assert.Null(exception);
        Assert.DoesNotContain("1234", message);
        Assert.StartsWith("Allocated unit 7 to 010170-XXXX Hansen on ", message);
        var values = state.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(7, values["UnitId"]);                                  // unchanged: its type kept
        Assert.Equal(new DateOnly(2026, 11, 22), values["Night"]);
        Assert.Equal("010170-XXXX Hansen", values["Who"]);                   // held a number: the masked text
        Assert.Equal("Allocated unit {UnitId} to {Who} on {Night}", values["{OriginalFormat}"]);
        Assert.Contains("0101701234".Substring(0, 6) + "-XXXX", (string)values["Exception"]!);
        Assert.DoesNotContain("1234", (string)values["Exception"]!);
        var scope = Assert.Single(capture.Scopes);
        Assert.Equal("Person 010170-XXXX", scope.ToString());
        Assert.Equal("010170-XXXX", ((IReadOnlyList<KeyValuePair<string, object?>>)scope).Single(p => p.Key == "Cpr").Value);
    }

    [Fact]
    public async Task WithTheJsonConsoleFormatter_ALineOfTheApi_HasItsFields()
    {
        using var database = new TempDatabase("json-logs");
        await using var api = await ApiProcess.StartAsync(database, "--Logging:Console:FormatterName=json",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information");
        var line = api.Output.Split('\n').First(l => l.Contains("Now listening on", StringComparison.Ordinal));
        var json = JsonDocument.Parse(line).RootElement;
        var fields = json.GetProperty("State");
        Assert.Equal(api.Url, fields.GetProperty("address").GetString());
        Assert.Equal("Now listening on: {address}", fields.GetProperty("{OriginalFormat}").GetString());
        Assert.Equal("Microsoft.Hosting.Lifetime", json.GetProperty("Category").GetString());
    }
}
