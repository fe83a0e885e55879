namespace Stoa.Worktables.Execution;

/// <summary>How <see cref="Worktable.RecomputeAsync(IRowExecutor, RecomputeOptions?, CancellationToken)"/> runs.</summary>
public sealed record RecomputeOptions
{
    /// <summary>Rows run at the same time. Default: the number of processors.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether rows whose last run failed are run again. Default: <see langword="true"/>.</summary>
    public bool RetryFailed { get; init; } = true;

    /// <summary>
    /// How long the rows this recompute has claimed stay its own without a renewal; the lease is renewed every third
    /// of it while the recompute runs. When the process dies (kill -9, lost node), its rows go back to Pending once
    /// the lease has run out, and the next recompute — in any process — runs them. Shorter recovers sooner; longer
    /// tolerates longer stalls (a paused process, a slow shared disk). Default: 30 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Receives an event each time a row starts or ends. Default: none.</summary>
    public IProgress<RecomputeProgress>? Progress { get; init; }
}
