using HousingCapacity.Api.OData;
using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Security;

/// <summary>
/// The app's logger factory: every log line of every category (ours, ASP.NET Core's, EF Core's), its exception and its scopes
/// pass through <see cref="Privacy.Scrub"/> before any provider sees them, so a CPR number in a path, a query or an exception
/// message never reaches a log. The line stays structured (issue 29.3): a provider gets the message's named values, each scrubbed
/// (a value unchanged by scrubbing keeps its type; one that held a CPR-like number becomes the masked text), so the JSON console
/// formatter writes them as fields. The exception reaches the provider as text in the message and as the value "Exception", never
/// as the object (its message and stack could hold a number).
/// </summary>
public sealed class RedactingLoggerFactory(IEnumerable<ILoggerProvider> providers, IOptionsMonitor<LoggerFilterOptions> filters,
    IOptions<LoggerFactoryOptions> options, IExternalScopeProvider? scopes = null) : ILoggerFactory
{
    private readonly LoggerFactory _inner = new(providers, filters, options, scopes);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName));
    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);
    public void Dispose() => _inner.Dispose();

    /// <summary>A value as it may be logged: itself when scrubbing leaves its text as it was, else the scrubbed text.</summary>
    private static object? Scrubbed(object? value)
    {
        if (value is null) return null;
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        var scrubbed = Privacy.Scrub(text);
        return scrubbed == text ? value : scrubbed;
    }

    /// <summary>The named values of a log line or scope, scrubbed, with its (scrubbed) text as ToString.</summary>
    private sealed class ScrubbedState(IReadOnlyList<KeyValuePair<string, object?>> values, string text)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public static ScrubbedState Of(object? state, string text, string? exception = null)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key,
                    p.Key == "{OriginalFormat}" ? p.Value : Scrubbed(p.Value))).ToList()
                : [];
            if (exception is not null) values.Add(new("Exception", exception));
            return new ScrubbedState(values, text);
        }

        public KeyValuePair<string, object?> this[int index] => values[index];
        public int Count => values.Count;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => text;
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            inner.BeginScope(ScrubbedState.Of(state, Privacy.Scrub(state.ToString() ?? "")));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?,
            string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var text = Privacy.Scrub(formatter(state, exception));
            var thrown = exception is null ? null : Privacy.Scrub(exception.ToString());
            if (thrown is not null) text += Environment.NewLine + thrown;
            inner.Log(logLevel, eventId, ScrubbedState.Of(state, text, thrown), null, static (line, _) => line.ToString());
        }
    }
}
