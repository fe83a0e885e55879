using Microsoft.Extensions.Logging;

namespace Stoa.Cwl;

/// <summary>
/// Options for <see cref="SlurmBackend"/>. Job directories must be on a file system that the submit host and
/// the compute nodes share (the engine's temp and output directories, and this control directory).
/// </summary>
public sealed record SlurmBackendOptions
{
    /// <summary>
    /// Folder on the shared file system for the generated batch scripts, exit-code files and Slurm's own logs,
    /// one folder per submission. Required.
    /// </summary>
    public required string ControlDirectory { get; init; }

    /// <summary>Partition (<c>--partition</c>); the cluster's default partition when null.</summary>
    public string? Partition { get; init; }

    /// <summary>Account to charge (<c>--account</c>), or null.</summary>
    public string? Account { get; init; }

    /// <summary>Quality of service (<c>--qos</c>), or null.</summary>
    public string? Qos { get; init; }

    /// <summary>More <c>sbatch</c> arguments, passed as given (e.g. <c>--constraint=ib</c>).</summary>
    public IReadOnlyList<string> ExtraSbatchArguments { get; init; } = [];

    /// <summary>
    /// Submit homogeneous jobs that arrive together (a scatter) as one job array. Default true; when false every job
    /// is its own submission.
    /// </summary>
    public bool UseJobArrays { get; init; } = true;

    /// <summary>
    /// How long a burst of jobs may stay quiet before it is submitted as one job array (a burst is gathered for at most
    /// twenty such windows). Default 200 ms.
    /// </summary>
    public TimeSpan ArrayGatherWindow { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the state of every job in flight is asked for, in one <c>squeue</c> call. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a job lost to the cluster (<c>NODE_FAIL</c>, <c>PREEMPTED</c>, <c>BOOT_FAIL</c>) is submitted again
    /// before its step fails. Default 2.
    /// </summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>
    /// How long the scheduler may stay unreachable (<c>squeue</c> failing) before the jobs in flight fail. Default 5 min.
    /// </summary>
    public TimeSpan SchedulerUnreachableTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Folder holding <c>sbatch</c>, <c>squeue</c> and <c>scancel</c>; found on PATH when null.</summary>
    public string? SlurmBinDirectory { get; init; }

    /// <summary>
    /// Where the backend logs (category <c>Stoa.Cwl.Slurm</c>): each <c>sbatch</c> submission (job id, or array id and
    /// task count) at Information, a refused submission, a resubmitted lost job and a failed Slurm job at Warning, each
    /// job's end state at Debug. Default null: nothing is logged.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
