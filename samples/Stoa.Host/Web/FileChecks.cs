using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stoa.Worktables;
using Stoa.Worktables.Tracking;

namespace Stoa.Host.Web;

/// <summary>
/// While the server runs, keeps every table true to the disk through <see cref="WorktableProject.WatchFiles"/>
/// (file notifications plus a periodic re-check) and pushes each row the check changed to the open pages, which
/// re-fetch it with its new status and reasons.
/// </summary>
internal sealed class FileChecks(WorktableProject project, RowEvents events, ILogger<FileChecks> logger, FileCheckInterval interval) : IHostedService, IDisposable
{
    private ProjectFileWatcher? _watcher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watcher = project.WatchFiles(interval.Value, Changed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _watcher = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _watcher?.Dispose();

    private void Changed(Worktable table, FileCheckResult result)
    {
        logger.LogInformation("{Table}: files changed on disk; {Rows} row(s) changed{Pending}", table.Name, result.RowsChanged.Count,
            result.PendingWorkflowChange is { } p ? "; " + p : "");
        foreach (var id in result.RowsChanged)
        {
            var status = table.GetRow(id).Status;
            events.Publish(new RowEvent(table.Name, id, "files", status.ToString()));
        }
    }
}

/// <summary>How often <see cref="FileChecks"/> re-checks the files when no notification came.</summary>
/// <param name="Value">The interval.</param>
internal sealed record FileCheckInterval(TimeSpan Value);
