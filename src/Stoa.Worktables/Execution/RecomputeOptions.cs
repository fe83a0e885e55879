namespace Stoa.Worktables.Execution;

/// <summary>How <see cref="Worktable.RecomputeAsync(IRowExecutor, RecomputeOptions?, CancellationToken)"/> runs.</summary>
public sealed record RecomputeOptions
{
    /// <summary>Rows run at the same time. Default: the number of processors.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether rows whose last run failed are run again. Default: <see langword="true"/>.</summary>
    public bool RetryFailed { get; init; } = true;

    /// <summary>Receives an event each time a row starts or ends. Default: none.</summary>
    public IProgress<RecomputeProgress>? Progress { get; init; }
}
