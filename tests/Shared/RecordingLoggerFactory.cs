using Microsoft.Extensions.Logging;

namespace Stoa.Tests.Shared;

/// <summary>One message a package logged, as the tests read it back.</summary>
internal sealed record LoggedMessage(string Category, LogLevel Level, string EventName, string Text);

/// <summary>
/// A real <see cref="ILoggerFactory"/> that keeps every message (all levels) in memory, so a test can check what a
/// package logs. Linked into each test project that needs it (see the project file), written once.
/// </summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly List<LoggedMessage> messages = [];

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyList<LoggedMessage> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("this factory only records");

    public void Dispose()
    {
        // Nothing is held open.
    }

    private void Add(LoggedMessage message)
    {
        lock (messages)
        {
            messages.Add(message);
        }
    }

    private sealed class Recorder(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Add(new LoggedMessage(category, logLevel, eventId.Name ?? string.Empty, formatter(state, exception)));
    }
}
