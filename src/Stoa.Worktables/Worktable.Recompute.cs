using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>
    /// Checks the table's files against the disk first (<see cref="CheckFiles"/>), then runs exactly the rows that
    /// need it — new or edited rows, rows made Stale by a changed input file or workflow, cancelled rows and (by
    /// default) failed rows — each with the workflow version the table is bound to (the project's kept copy), at most <see cref="RecomputeOptions.MaxParallelism"/> at a time, and
    /// writes each row's outputs atomically as it finishes. Rows edited during the recompute end Pending with
    /// their new inputs.
    /// </summary>
    /// <param name="executor">Runs one row (e.g. <see cref="InProcessExecutor"/> or the CWL executor).</param>
    /// <param name="options">Parallelism, retry and progress. Default: <see cref="RecomputeOptions"/> defaults.</param>
    /// <param name="cancellationToken">Cancels: running rows end Cancelled with nothing written, queued rows are Cancelled.</param>
    /// <returns>What ran: counts, the table, and each row that started with how it ended.</returns>
    /// <exception cref="OperationCanceledException">Cancelled (after the table has been left consistent).</exception>
    /// <exception cref="InvalidOperationException">A recompute of this table is already running.</exception>
    /// <exception cref="WorkflowException">The workflow on disk changed its columns or no longer loads: nothing ran;
    /// <see cref="Rebind"/> accepts the change.</exception>
    public async Task<RecomputeResult> RecomputeAsync(IRowExecutor executor, RecomputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        if (Interlocked.Exchange(ref _recomputing, 1) == 1)
        {
            throw new InvalidOperationException($"table '{Name}': a recompute is already running.");
        }

        try
        {
            await ObtainImagesAsync(cancellationToken).ConfigureAwait(false);
            if (CheckFiles().PendingWorkflowChange is { } pending)
            {
                throw new WorkflowException($"table '{Name}': {pending}; nothing ran. Rebind the table to accept it{(pending.DropsColumns ? " (dropping columns)" : "")}.")
                {
                    Path = pending.DocumentPath,
                };
            }

            return await new RecomputeEngine(this, executor, options ?? new RecomputeOptions()).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _recomputing, 0);
        }
    }

    /// <summary>
    /// Makes the container images the bound version could not name an id for (not present when it was bound)
    /// present, before the check: the check then records their ids as the version's, and no row that runs now is
    /// made Stale afterwards by an image that merely appeared. An image that cannot be obtained is left to the rows'
    /// runs, which fail and say why.
    /// </summary>
    private async Task ObtainImagesAsync(CancellationToken cancellationToken)
    {
        if (!_workflow.Images.Any(i => i.Id is null) || (KeptWorkflowDocument(_workflow.Hash) ?? _workflow.DocumentPath) is not { } document)
        {
            return;
        }

        try
        {
            var scratch = System.IO.Path.Combine(_project.WorkDirectory, "images-" + Guid.NewGuid().ToString("N")[..8]);
            await Stoa.Cwl.CwlContainerImages.EnsureAsync(Stoa.Cwl.CwlDocument.Load(document), scratch, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
        catch (Exception e) when (e is Stoa.Cwl.CwlValidationException or System.ComponentModel.Win32Exception or IOException)
        {
            // The check that follows reports a document that no longer loads; an engine that does not start fails the rows.
        }
    }

    /// <summary>Runs exactly the rows that need it, as <see cref="RecomputeAsync(IRowExecutor, RecomputeOptions?, CancellationToken)"/> does, on the project's <see cref="WorktableProject.Executor"/>.</summary>
    /// <param name="options">Parallelism, retry and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What ran: counts, the table, and each row that started with how it ended.</returns>
    /// <exception cref="OperationCanceledException">Cancelled (after the table has been left consistent).</exception>
    /// <exception cref="InvalidOperationException">A recompute of this table is already running.</exception>
    /// <exception cref="WorkflowException">The workflow on disk changed its columns or no longer loads: nothing ran.</exception>
    public Task<RecomputeResult> RecomputeAsync(RecomputeOptions? options, CancellationToken cancellationToken) =>
        RecomputeAsync(Project.Executor, options, cancellationToken);

    /// <summary>Always <see langword="true"/> for a defined operation: no role is checked on the administrator's access.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns><see langword="true"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="Access.WorktableOperation"/>.</exception>
    public bool Allows(Access.WorktableOperation operation)
    {
        _ = Access.AccessPolicy.Requires(operation);
        return true;
    }
}
