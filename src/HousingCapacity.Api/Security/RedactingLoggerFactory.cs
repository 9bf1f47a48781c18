using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Security;

/// <summary>
/// The app's logger factory: every log line of every category (ours, ASP.NET Core's, EF Core's), its exception and its scopes
/// pass through <see cref="Privacy.Scrub"/> before any provider sees them, so a CPR number in a path, a query or an exception
/// message never reaches a log. Lines reach the providers as text (the structured values could hold the number).
/// </summary>
public sealed class RedactingLoggerFactory(IEnumerable<ILoggerProvider> providers, IOptionsMonitor<LoggerFilterOptions> filters,
    IOptions<LoggerFactoryOptions> options, IExternalScopeProvider? scopes = null) : ILoggerFactory
{
    private readonly LoggerFactory _inner = new(providers, filters, options, scopes);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName));
    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);
    public void Dispose() => _inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            inner.BeginScope(Privacy.Scrub(state.ToString() ?? ""));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?,
            string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var text = Privacy.Scrub(formatter(state, exception));
            if (exception is not null) text += Environment.NewLine + Privacy.Scrub(exception.ToString());
            inner.Log(logLevel, eventId, text, null, static (line, _) => line);
        }
    }
}
