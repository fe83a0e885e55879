namespace Stoa.Worktables.Execution;

/// <summary>
/// Runs one row. Implementations: <see cref="InProcessExecutor"/> (a delegate, for tests and embedding) and the
/// CWL executor (through Stoa.Cwl). Called concurrently for different rows, up to
/// <see cref="RecomputeOptions.MaxParallelism"/> at a time.
/// </summary>
public interface IRowExecutor
{
    /// <summary>Computes the outputs of one row.</summary>
    /// <param name="execution">The row's inputs and a private working directory.</param>
    /// <param name="cancellationToken">Cancelled when the recompute is cancelled; stop and throw <see cref="OperationCanceledException"/>.</param>
    /// <returns>The outputs, or a failure. A thrown exception (other than cancellation) counts as a failure.</returns>
    Task<RowExecutionResult> ExecuteAsync(RowExecution execution, CancellationToken cancellationToken);
}
