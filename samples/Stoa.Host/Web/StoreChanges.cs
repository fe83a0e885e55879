using Microsoft.Extensions.Hosting;
using Stoa.Worktables;
using Stoa.Worktables.Errors;

namespace Stoa.Host.Web;

/// <summary>
/// While the server runs, follows <see cref="WorktableProject.WatchChangesAsync"/> — row edits, additions, deletions
/// and status moves committed by any process on the project (a CLI edit, a recompute elsewhere) — and pushes each
/// changed row to the open pages, which re-fetch it. This server's own changes come back too; a page re-fetching a
/// row twice is cheaper than telling the two apart.
/// </summary>
internal sealed class StoreChanges(WorktableProject project, RowEvents events) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in project.WatchChangesAsync(Poll, stoppingToken).ConfigureAwait(false))
        {
            foreach (var id in change.RowIds)
            {
                events.Publish(new RowEvent(change.Table, id, "store", StatusOf(change.Table, id)));
            }
        }
    }

    /// <summary>The row's status now, or "Deleted".</summary>
    private string StatusOf(string table, long id)
    {
        try
        {
            return project.OpenTable(table).GetRow(id).Status.ToString();
        }
        catch (Exception e) when (e is KeyNotFoundException or WorktableException)
        {
            return "Deleted";
        }
    }
}
