namespace Stoa.Worktables.Execution;

/// <summary>
/// Runs each row by calling a delegate in this process: for tests, properties and embedding, where spawning a
/// workflow engine per row would cost more than the work. An exception from the delegate fails the row.
/// </summary>
public sealed class InProcessExecutor : IRowExecutor
{
    private readonly Func<RowExecution, CancellationToken, Task<RowExecutionResult>> _run;

    /// <summary>An executor from an asynchronous delegate returning the outputs by column name.</summary>
    /// <param name="run">Computes the outputs of a row.</param>
    public InProcessExecutor(Func<RowExecution, CancellationToken, Task<IReadOnlyDictionary<string, object?>>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _run = async (e, ct) => RowExecutionResult.Success(await run(e, ct).ConfigureAwait(false));
    }

    /// <summary>An executor from a synchronous delegate returning the outputs by column name.</summary>
    /// <param name="run">Computes the outputs of a row.</param>
    public InProcessExecutor(Func<RowExecution, IReadOnlyDictionary<string, object?>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _run = (e, ct) =>
        {
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(RowExecutionResult.Success(run(e)));
        };
    }

    /// <inheritdoc />
    public Task<RowExecutionResult> ExecuteAsync(RowExecution execution, CancellationToken cancellationToken) => _run(execution, cancellationToken);
}
