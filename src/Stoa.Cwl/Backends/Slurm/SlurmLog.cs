using Microsoft.Extensions.Logging;

namespace Stoa.Cwl;

/// <summary>What <see cref="SlurmBackend"/> writes to its logger (<see cref="SlurmBackendOptions.LoggerFactory"/>), one event id each.</summary>
internal static partial class SlurmLog
{
    /// <summary>The category every Slurm backend message is logged under.</summary>
    public const string Category = "Stoa.Cwl.Slurm";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "sbatch: job {SlurmJobId} for {Step} ({Job})")]
    public static partial void Submitted(ILogger logger, string slurmJobId, string step, string job);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "sbatch: job array {SlurmJobId} for {Step}, {Tasks} task(s) (0-{LastTask})")]
    public static partial void SubmittedArray(ILogger logger, string slurmJobId, string step, int tasks, int lastTask);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "sbatch refused {Step}: {Error}")]
    public static partial void Refused(ILogger logger, string step, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Slurm job {SlurmJobId} for {Job} lost ({State}), attempt {Attempt}: submitting it again")]
    public static partial void Resubmitting(ILogger logger, string slurmJobId, string job, string state, int attempt);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{Error}")]
    public static partial void JobFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Slurm job {SlurmJobId} for {Job} ended {State}, exit code {ExitCode}")]
    public static partial void JobEnded(ILogger logger, string slurmJobId, string job, string state, int? exitCode);
}
