using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using Stoa.Host.Commands.Table;
using Stoa.Worktables;
using Stoa.Worktables.Execution;

namespace Stoa.Host.Web;

/// <summary>
/// Starts recomputes from the web app in the background, at most one per table at a time, and publishes every
/// row's status change to <see cref="RowEvents"/>.
/// </summary>
internal sealed class TableRuns(RowEvents events, ILogger<TableRuns> logger, IHostApplicationLifetime lifetime)
{
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>True when a recompute of <paramref name="table"/> is in progress.</summary>
    public bool IsRunning(string table) => _running.TryGetValue(table, out var t) && !t.IsCompleted;

    /// <summary>
    /// Starts a recompute of <paramref name="table"/> as its user unless one is running (then <see langword="null"/>).
    /// A refusal by the library (the user may not run) comes back at once as a faulted task.
    /// </summary>
    public Task? Start(Stoa.Worktables.Access.UserWorktable table)
    {
        lock (_running)
        {
            if (_running.TryGetValue(table.Name, out var existing) && !existing.IsCompleted)
            {
                return null;
            }

            var task = Run(table);
            _running[table.Name] = task;
            return task;
        }
    }

    private async Task Run(Stoa.Worktables.Access.UserWorktable table)
    {
        try
        {
            var progress = new Relay(p => events.Publish(new RowEvent(table.Name, p.RowId, "status", p.Status.ToString())));
            var result = await TableRecompute.RunAsync(table, Math.Max(1, Environment.ProcessorCount), retryFailed: true, showProgress: false, lifetime.ApplicationStopping, progress).ConfigureAwait(false);
            logger.LogInformation("table {Table}: {Planned} planned, {Succeeded} succeeded, {Failed} failed", table.Name, result.Planned, result.Succeeded, result.Failed);
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("table {Table}: recompute cancelled", table.Name);
        }
        catch (Exception e) when (e is IOException || e is Stoa.Worktables.Errors.WorktableException and not Stoa.Worktables.Errors.AccessDeniedException)
        {
            logger.LogError("table {Table}: recompute failed: {Message}", table.Name, e.Message);
        }
    }

    private sealed class Relay(Action<RecomputeProgress> report) : IProgress<RecomputeProgress>
    {
        public void Report(RecomputeProgress value) => report(value);
    }
}
