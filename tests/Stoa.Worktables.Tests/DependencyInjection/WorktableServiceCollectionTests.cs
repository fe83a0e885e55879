using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stoa.Worktables.DependencyInjection;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.DependencyInjection;

/// <summary>
/// <see cref="WorktableServiceCollectionExtensions.AddWorktableProject"/> in the real Microsoft container with the real
/// logging factory: one project per container, disposed with it (asynchronously), logging each recompute.
/// </summary>
public sealed class WorktableServiceCollectionTests
{
    [Fact]
    public async Task The_Container_Opens_One_Project_Logs_Its_Recomputes_And_Disposes_It()
    {
        using var s = new ScratchProject();
        s.Project.Dispose();
        var lines = new List<(LogLevel Level, string Category, string Text)>();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new Collecting(lines)))
            .AddWorktableProject(s.Path, _ => new WorktableProjectOptions { Executor = ScratchProject.DoublerExecutor() });
        await using (var provider = services.BuildServiceProvider())
        {
            var project = provider.GetRequiredService<WorktableProject>();
            Assert.Same(project, provider.GetRequiredService<WorktableProject>());
            IWorktable t = project.CreateTable("t", ScratchProject.Doubler());
            var row = t.AddRow(new Dictionary<string, object?> { ["x"] = 2 });
            await t.RecomputeAsync(null, CancellationToken.None);
            Assert.Equal(4L, (long)t.GetRow(row)["doubled"]!);
        }

        lock (lines)
        {
            Assert.All(lines, l => Assert.Equal("Stoa.Worktables", l.Category));
            Assert.Contains(lines, l => l.Level == LogLevel.Information && l.Text == "table t: recompute planned 1 row(s)");
            Assert.Contains(lines, l => l.Level == LogLevel.Debug && l.Text == $"table t: row 1 Succeeded");
            Assert.Contains(lines, l => l.Text == "table t: recompute done: 1 planned, 1 succeeded, 0 failed, 0 superseded");
        }

        // The container disposed the project: its lock is free for the next process.
        using var again = WorktableProject.OpenExisting(s.Path);
        Assert.Equal(["t"], again.TableNames);
    }

    [Fact]
    public async Task A_Failed_Row_Is_A_Warning_With_Its_Error()
    {
        using var s = new ScratchProject();
        s.Project.Dispose();
        var lines = new List<(LogLevel Level, string Category, string Text)>();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new Collecting(lines)));
        await using var project = WorktableProject.Open(s.Path, new WorktableProjectOptions { LoggerFactory = factory });
        IWorktable t = project.CreateTable("t", ScratchProject.Doubler());
        t.AddRow(new Dictionary<string, object?> { ["x"] = 2 });
        await t.RecomputeAsync(new Stoa.Worktables.Execution.InProcessExecutor(_ => throw new InvalidOperationException("no map")));
        lock (lines)
        {
            var warning = Assert.Single(lines, l => l.Level == LogLevel.Warning);
            Assert.Contains("row 1 failed", warning.Text, StringComparison.Ordinal);
            Assert.Contains("no map", warning.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>A real logger provider that keeps each formatted line.</summary>
    private sealed class Collecting(List<(LogLevel, string, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(List<(LogLevel, string, string)> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add((logLevel, category, formatter(state, exception)));
                }
            }
        }
    }
}
