using Microsoft.Extensions.Logging;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Execution;

namespace Stoa.Worktables;

/// <summary>How a <see cref="WorktableProject"/> runs its rows; given once, when the project is opened.</summary>
public sealed record WorktableProjectOptions
{
    /// <summary>
    /// Runs one row for every recompute that names no executor of its own
    /// (<see cref="IWorktable.RecomputeAsync(RecomputeOptions?, CancellationToken)"/>,
    /// <see cref="WorktableProject.RecomputeAllAsync(RecomputeOptions?, CancellationToken)"/>). The project does not
    /// dispose it: a Slurm or podman backend behind it is the host's to dispose after the project.
    /// </summary>
    /// <value>The default is a <see cref="CwlRowExecutor"/> running each row's CWL document on this machine.</value>
    public IRowExecutor? Executor { get; init; }

    /// <summary>
    /// Where the project logs (category <c>Stoa.Worktables</c>): each recompute's plan and end (Information), each
    /// row that failed with its error (Warning), each row's end (Debug).
    /// </summary>
    /// <value>The default is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// For a project created in PostgreSQL (a <c>postgresql://</c> location): the directory of its output, work,
    /// workflow, log and bundle folders, recorded in the database at creation so that every process (on any machine
    /// sharing the file system) uses the same one. Ignored for a SQLite project (its folders sit beside the file) and
    /// when the project exists already (the recorded directory holds).
    /// </summary>
    /// <value>The default is <see langword="null"/>: <c>./&lt;database name&gt;.stoa-files</c>, made absolute at creation.</value>
    public string? FilesDirectory { get; init; }
}
