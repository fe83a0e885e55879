using Stoa.Worktables.Execution;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>
    /// Runs exactly the rows that need it — new or edited rows, rows made Stale by a workflow change, cancelled
    /// rows and (by default) failed rows — at most <see cref="RecomputeOptions.MaxParallelism"/> at a time, and
    /// writes each row's outputs atomically as it finishes. Rows edited during the recompute end Pending with
    /// their new inputs.
    /// </summary>
    /// <param name="executor">Runs one row (e.g. <see cref="InProcessExecutor"/> or the CWL executor).</param>
    /// <param name="options">Parallelism, retry and progress. Default: <see cref="RecomputeOptions"/> defaults.</param>
    /// <param name="cancellationToken">Cancels: running rows end Cancelled with nothing written, queued rows are Cancelled.</param>
    /// <returns>Counts of what ran.</returns>
    /// <exception cref="OperationCanceledException">Cancelled (after the table has been left consistent).</exception>
    /// <exception cref="InvalidOperationException">A recompute of this table is already running.</exception>
    public async Task<RecomputeResult> RecomputeAsync(IRowExecutor executor, RecomputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        if (Interlocked.Exchange(ref _recomputing, 1) == 1)
        {
            throw new InvalidOperationException($"table '{Name}': a recompute is already running.");
        }

        try
        {
            return await new RecomputeEngine(this, executor, options ?? new RecomputeOptions()).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _recomputing, 0);
        }
    }
}
