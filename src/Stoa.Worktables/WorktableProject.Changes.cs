using System.Runtime.CompilerServices;
using Stoa.Worktables.Changes;

namespace Stoa.Worktables;

public sealed partial class WorktableProject
{
    /// <summary>
    /// Streams the row changes committed to the project from now on — by this process or any other (a CLI edit, a
    /// recompute elsewhere) — one <see cref="ProjectChange"/> per table and poll, for a host that shows the project
    /// live. An idle poll costs one query of the store's change counter (SQLite: <c>PRAGMA data_version</c>).
    /// </summary>
    /// <param name="pollInterval">How often the store is asked, e.g. 250 ms.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The changes, as they come; the stream ends when <paramref name="cancellationToken"/> fires.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pollInterval"/> is not positive.</exception>
    public IAsyncEnumerable<ProjectChange> WatchChangesAsync(TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        return Watch(pollInterval, cancellationToken);
    }

    private async IAsyncEnumerable<ProjectChange> Watch(TimeSpan pollInterval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var feed = Store.OpenChangeFeed();
        using var timer = new PeriodicTimer(pollInterval);
        while (true)
        {
            try
            {
                if (!await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            foreach (var table in feed.Poll().GroupBy(c => c.Table, StringComparer.Ordinal))
            {
                yield return new ProjectChange(table.Key, [.. table.Select(c => c.RowId).Distinct().Order()]);
            }
        }
    }
}
