using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>One log line as a provider sees it: category, level, message, and every scope property flattened.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string?> State, IReadOnlyDictionary<string, string?> Scopes);

/// <summary>Keeps every log line with the scopes active when it was written (as a console or OTLP logger would show them).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Logs { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static Dictionary<string, string?> Flatten(object? value)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (key, item) in pairs)
                {
                    properties[key] = item?.ToString();
                }

                break;
            case IEnumerable<KeyValuePair<string, string?>> pairs:
                foreach (var (key, item) in pairs)
                {
                    properties[key] = item;
                }

                break;
        }

        return properties;
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new Dictionary<string, string?>(StringComparer.Ordinal);
            provider._scopes.ForEachScope(
                (scope, collected) =>
                {
                    foreach (var (key, value) in Flatten(scope))
                    {
                        collected[key] = value;
                    }
                },
                scopes);
            provider.Logs.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), Flatten(state), scopes));
        }
    }
}
