using Microsoft.Extensions.Logging;

namespace Stoa.Cwl;

/// <summary>What to do with other jobs when one fails.</summary>
public enum CwlFailurePolicy
{
    /// <summary>Stop starting jobs at the first failure and cancel those running (the default).</summary>
    StopOnFirstFailure,

    /// <summary>Let every job that does not depend on the failed one run to the end.</summary>
    FinishRunnable,
}

/// <summary>Options for <see cref="CwlEngine"/>.</summary>
public sealed record CwlEngineOptions
{
    /// <summary>Where final outputs are collected; created if missing. Outputs never overwrite each other here.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Root of the per-job directories; a fresh directory under the system temp path when null.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>How many jobs may run at once. Default: the number of processors.</summary>
    public int Parallel { get; init; } = Environment.ProcessorCount;

    /// <summary>Cores the jobs may use together (ResourceRequirement coresMin). Default: the number of processors.</summary>
    public int TotalCores { get; init; } = Environment.ProcessorCount;

    /// <summary>Memory the jobs may use together, in mebibytes (ResourceRequirement ramMin). Default: no limit.</summary>
    public long TotalRamMebibytes { get; init; } = long.MaxValue;

    /// <summary>The backend that runs jobs; <see cref="LocalProcessBackend"/> when null.</summary>
    public ICwlExecutionBackend? Backend { get; init; }

    /// <summary>What happens to other jobs when one fails. Default: stop at the first failure.</summary>
    public CwlFailurePolicy FailurePolicy { get; init; } = CwlFailurePolicy.StopOnFirstFailure;

    /// <summary>
    /// Where each job's command line and its stdout/stderr logs (when the tool does not capture them) are kept, one
    /// folder per job id. When null they live in the job directory and go with it unless <see cref="KeepTempFiles"/>.
    /// </summary>
    public string? LogDirectory { get; init; }

    /// <summary>
    /// Which container engine runs tools that have a DockerRequirement (under requirements or hints). Default
    /// <see cref="CwlContainerEngine.Auto"/>: podman when on PATH, else docker; with neither, hinted tools run
    /// on the host and required ones fail with <see cref="CwlUnsupportedFeatureException"/>.
    /// </summary>
    public CwlContainerEngine ContainerEngine { get; init; } = CwlContainerEngine.Auto;

    /// <summary>Keep per-job directories after the run (logs are always kept). Default false.</summary>
    public bool KeepTempFiles { get; init; }

    /// <summary>
    /// Where the run logs (category <c>Stoa.Cwl</c>): each job's start, end (exit code, duration) and skip at Debug, a
    /// failed job at Warning with its error, the run's end at Information. Default null: nothing is logged.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
