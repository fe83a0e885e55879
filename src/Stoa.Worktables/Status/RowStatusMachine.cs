using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Status;

/// <summary>
/// The one place that says which status changes are legal. The store asks it before every single-row change
/// and builds its bulk updates from <see cref="SourcesOf"/>, so the rules live here only.
/// </summary>
internal static class RowStatusMachine
{
    // Why each edge exists:
    //  Pending/Stale/Failed/Cancelled → Queued    a recompute planned the row
    //  Queued → Running                          an executor slot picked it up
    //  Running → Succeeded | Failed | Cancelled  the run ended
    //  Queued | Running → Pending                inputs edited during the run, or recovery after a crash
    //  Queued → Cancelled                        the recompute was cancelled before the row started
    //  Succeeded → Stale                         inputs, workflow or upstream changed; old outputs kept
    //  Failed | Cancelled → Pending | Stale      inputs edited (Stale when older outputs still exist)
    //  Pending | Stale | Failed | Cancelled → Succeeded
    //                                            identity went back to the one the stored outputs were made from
    private static readonly bool[,] Legal = Build();

    public static bool IsLegal(RowStatus from, RowStatus to) => Legal[(int)from, (int)to];

    public static void EnsureLegal(long rowId, RowStatus from, RowStatus to)
    {
        if (!IsLegal(from, to))
        {
            throw new IllegalStatusTransitionException(rowId, from, to);
        }
    }

    /// <summary>The statuses from which <paramref name="to"/> may be reached.</summary>
    public static IReadOnlyList<RowStatus> SourcesOf(RowStatus to) =>
        [.. Enum.GetValues<RowStatus>().Where(from => IsLegal(from, to))];

    /// <summary>Statuses whose row a recompute must run (when failures are retried).</summary>
    public static IReadOnlyList<RowStatus> NeedsRun(bool retryFailed) =>
        retryFailed ? [RowStatus.Pending, RowStatus.Stale, RowStatus.Failed, RowStatus.Cancelled] : [RowStatus.Pending, RowStatus.Stale, RowStatus.Cancelled];

    /// <summary>
    /// The status after the inputs or the workflow of a row changed.
    /// </summary>
    /// <param name="current">The status now.</param>
    /// <param name="outputsMatchIdentity">Stored outputs exist and were made from exactly the new identity.</param>
    /// <param name="hasOutputs">Stored outputs exist (from any identity).</param>
    public static RowStatus AfterIdentityChange(RowStatus current, bool outputsMatchIdentity, bool hasOutputs) => current switch
    {
        // The run in flight was started for the old identity: whatever it produces is not for these inputs.
        RowStatus.Queued or RowStatus.Running => RowStatus.Pending,
        _ when outputsMatchIdentity => RowStatus.Succeeded,
        RowStatus.Pending => RowStatus.Pending,
        RowStatus.Stale or RowStatus.Succeeded => RowStatus.Stale,
        _ => hasOutputs ? RowStatus.Stale : RowStatus.Pending,
    };

    private static bool[,] Build()
    {
        var n = Enum.GetValues<RowStatus>().Length;
        var t = new bool[n, n];
        void Allow(RowStatus from, params RowStatus[] to)
        {
            foreach (var s in to)
            {
                t[(int)from, (int)s] = true;
            }
        }

        Allow(RowStatus.Pending, RowStatus.Queued, RowStatus.Succeeded);
        Allow(RowStatus.Queued, RowStatus.Running, RowStatus.Cancelled, RowStatus.Pending);
        Allow(RowStatus.Running, RowStatus.Succeeded, RowStatus.Failed, RowStatus.Cancelled, RowStatus.Pending);
        Allow(RowStatus.Succeeded, RowStatus.Stale);
        Allow(RowStatus.Failed, RowStatus.Queued, RowStatus.Pending, RowStatus.Stale, RowStatus.Succeeded);
        Allow(RowStatus.Cancelled, RowStatus.Queued, RowStatus.Pending, RowStatus.Stale, RowStatus.Succeeded);
        Allow(RowStatus.Stale, RowStatus.Queued, RowStatus.Succeeded);
        return t;
    }
}
